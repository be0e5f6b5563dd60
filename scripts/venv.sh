# Sourced by the scripts: make sure the e2e Python venv ($VENV, default .venv) holds
# tests/e2e/requirements.txt (moto[server], awscli, boto3, cbor2); rebuilt when they change.
VENV="${CIS_E2E_VENV:-.venv}"
if ! cmp -s tests/e2e/requirements.txt "$VENV/.installed-requirements" 2>/dev/null; then
  echo "creating the Python venv $VENV (moto, awscli, boto3, cbor2)" >&2
  rm -rf "$VENV"
  "${PYTHON:-python3}" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/e2e/requirements.txt
  cp tests/e2e/requirements.txt "$VENV/.installed-requirements"
fi
