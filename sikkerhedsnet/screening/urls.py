from sikkerhedsnet.screening.urls_health import urlpatterns as health_urls
from sikkerhedsnet.screening.urls_rounds import urlpatterns as round_urls

app_name = "screening"
urlpatterns = [*round_urls, *health_urls]
