from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete, post_save


class ProductsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "products"

    def ready(self):
        from .caching import invalidate

        # The list's cached pages show the products and their owners' names.
        for model in (self.get_model("Product"), settings.AUTH_USER_MODEL):
            post_save.connect(invalidate, sender=model, dispatch_uid=f"{self.name}-list-{model}-saved")
            post_delete.connect(invalidate, sender=model, dispatch_uid=f"{self.name}-list-{model}-deleted")
