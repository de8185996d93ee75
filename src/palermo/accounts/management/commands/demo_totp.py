from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Print the current TOTP code of a demo account (demo mode only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not settings.DEMO_MODE:
            raise CommandError("Only in demo mode.")
        device = TOTPDevice.objects.filter(
            user__email=email.lower(), user__is_demo=True, confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{email} is not a demo account with two-factor authentication.")
        self.stdout.write(f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}")
