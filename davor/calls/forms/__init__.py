from davor.calls.forms.wrapup import WrapupForms

__all__ = ["WrapupForms"]
