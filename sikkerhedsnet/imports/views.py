from django.http import HttpResponse

from sikkerhedsnet.core.auth import AuthedRequest, permission_or_404


@permission_or_404("imports.import_data")
def upload(request: AuthedRequest) -> HttpResponse:
    raise NotImplementedError  # replaced by the import page
