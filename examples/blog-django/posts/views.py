"""The posts pages: everyone reads; logged-in users write, and only the owner or staff edit or delete."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from .forms import PostForm
from .models import Post


class PostListView(ListView):
    queryset = Post.objects.select_related("owner")
    paginate_by = 10


class PostDetailView(DetailView):
    queryset = Post.objects.select_related("owner")


class OwnerOrStaffRequiredMixin(UserPassesTestMixin):
    """Let only the post's owner or a staff member through; others get 403 Forbidden."""

    def test_func(self):
        user = self.request.user
        return user.is_staff or self.get_object().owner_id == user.pk


class PostCreateView(LoginRequiredMixin, SuccessMessageMixin, CreateView):
    model = Post
    form_class = PostForm
    success_message = "“%(title)s” was created."

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)


class PostUpdateView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Post
    form_class = PostForm
    success_message = "“%(title)s” was saved."


class PostDeleteView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, DeleteView):
    model = Post
    success_url = reverse_lazy("posts:list")

    def get_success_message(self, cleaned_data):
        return f"“{self.object.title}” was deleted."
