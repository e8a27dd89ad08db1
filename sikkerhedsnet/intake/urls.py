from sikkerhedsnet.intake.urls_handling import urlpatterns as handling_urls
from sikkerhedsnet.intake.urls_receiving import urlpatterns as receiving_urls

app_name = "intake"
urlpatterns = [*receiving_urls, *handling_urls]
