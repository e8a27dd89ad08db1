import os
import subprocess
import sys


def test_check_deploy_is_clean_with_production_settings() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sikkerhedsnet.settings_production",
        "DJANGO_SECRET_KEY": "p" * 20 + "-a-long-random-production-secret-Kq8#xZ!f4Lr",
        "DJANGO_ALLOWED_HOSTS": "sikkerhedsnet.example.dk",
    }
    result = subprocess.run(
        [sys.executable, "-m", "sikkerhedsnet.manage", "check", "--deploy", "--fail-level", "INFO"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
