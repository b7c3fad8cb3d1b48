#!/bin/sh
# Debian package post-install: install the FIDO udev rule shipped with the app and apply it now, so a
# YubiKey plugged in after installation works without a reboot.
set -e
RULE_SOURCE="/opt/Garage Sign-In/resources/70-garage-fido.rules"
if [ -f "$RULE_SOURCE" ]; then
  install -m 0644 "$RULE_SOURCE" /etc/udev/rules.d/70-garage-fido.rules
  if command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=hidraw || true
  fi
fi
