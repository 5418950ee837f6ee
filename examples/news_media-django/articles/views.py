"""The articles pages: everyone reads; logged-in users write, and only the owner or staff edit or delete."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from .caching import CachedPaginator
from .forms import ArticleForm
from .models import Article


class ArticleListView(ListView):
    queryset = Article.objects.select_related("owner")
    paginate_by = 10
    paginator_class = CachedPaginator  # the pages, from the cache until a change


class ArticleDetailView(DetailView):
    queryset = Article.objects.select_related("owner")


class OwnerOrStaffRequiredMixin(UserPassesTestMixin):
    """Let only the article's owner or a staff member through; others get 403 Forbidden."""

    def test_func(self):
        user = self.request.user
        return user.is_staff or self.get_object().owner_id == user.pk


class ArticleCreateView(LoginRequiredMixin, SuccessMessageMixin, CreateView):
    model = Article
    form_class = ArticleForm
    extra_context = {"heading": gettext_lazy("New article")}
    success_message = gettext_lazy("“%(title)s” was created.")

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)


class ArticleUpdateView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Article
    form_class = ArticleForm
    success_message = gettext_lazy("“%(title)s” was saved.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=_("Edit “%(title)s”") % {"title": self.object.title}, **kwargs)


class ArticleDeleteView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, DeleteView):
    model = Article
    success_url = reverse_lazy("articles:list")

    def get_success_message(self, cleaned_data):
        return _("“%(title)s” was deleted.") % {"title": self.object.title}
