"""The items pages: everyone reads; logged-in users write, and only the owner or staff edit or delete."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView

from .forms import ItemForm
from .models import Item


class ItemListView(ListView):
    queryset = Item.objects.select_related("owner")
    paginate_by = 10


class ItemDetailView(DetailView):
    queryset = Item.objects.select_related("owner")


class OwnerOrStaffRequiredMixin(UserPassesTestMixin):
    """Let only the item's owner or a staff member through; others get 403 Forbidden."""

    def test_func(self):
        user = self.request.user
        return user.is_staff or self.get_object().owner_id == user.pk


class ItemCreateView(LoginRequiredMixin, SuccessMessageMixin, CreateView):
    model = Item
    form_class = ItemForm
    success_message = "“%(title)s” was created."

    def form_valid(self, form):
        form.instance.owner = self.request.user
        return super().form_valid(form)


class ItemUpdateView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, UpdateView):
    model = Item
    form_class = ItemForm
    success_message = "“%(title)s” was saved."


class ItemDeleteView(LoginRequiredMixin, OwnerOrStaffRequiredMixin, SuccessMessageMixin, DeleteView):
    model = Item
    success_url = reverse_lazy("items:list")

    def get_success_message(self, cleaned_data):
        return f"“{self.object.title}” was deleted."
