#!/usr/bin/env bash
# Follows docs/install.md on a brand-new `wagtail start` site for one Wagtail line (8.0 or 7.4):
# install the built wheel, add the app, migrate, create a campaign and a project in the admin, fetch both over HTTP.
set -euo pipefail
LINE="${1:?usage: install_check.sh 8.0|7.4}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WHEEL="$(ls "$ROOT"/dist/wagtail_opengov-*.whl | head -1)"
WORK="$(mktemp -d)"
PORT="${PORT:-$((8100 + RANDOM % 500))}"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVER=""

WANTED="$LINE"
OPENGOV_WAGTAIL="$WANTED" source "$ROOT/scripts/_env.sh"  # for find_python; sets LINE from OPENGOV_WAGTAIL
LINE="$WANTED"
BASE_PY="$(find_python)"
case "$LINE" in
  7.4) PINS=("wagtail>=7.4,<7.5" "django>=5.2,<5.3") ;;
  8.0) PINS=("wagtail>=8.0,<8.1") ;;
esac

echo "== install check: Wagtail $LINE with $("$BASE_PY" --version) in $WORK"
"$BASE_PY" -m venv "$WORK/venv"
PY="$WORK/venv/bin/python"
# Step 1: install the package (the wheel just built) into a fresh environment with that Wagtail line.
"$PY" -m pip install --quiet --disable-pip-version-check "$WHEEL" "${PINS[@]}" 2>&1 | grep -v "is ignored" || true
cd "$WORK"
"$WORK/venv/bin/wagtail" start mysite >/dev/null
cd mysite
"$PY" -c "import wagtail, django; print('Wagtail', wagtail.__version__, 'Django', django.__version__)"

# Step 2: INSTALLED_APPS. Step 3: OPENGOV base template (docs/install.md).
"$PY" - <<'PYEDIT'
from pathlib import Path
path = Path("mysite/settings/base.py")
text = path.read_text()
assert '    "search",\n' in text, "unexpected wagtail start layout"
text = text.replace('    "search",\n', '    "search",\n    "wagtail_opengov",\n', 1)
text += '\nOPENGOV = {\n    "BASE_TEMPLATE": "base.html",\n}\n'
path.write_text(text)
PYEDIT

# Step 4: the package's URLs before wagtail_urls.
"$PY" - <<'PYEDIT'
from pathlib import Path
path = Path("mysite/urls.py")
text = path.read_text()
anchor = '    path("search/", search_views.search, name="search"),\n'
assert anchor in text, "unexpected wagtail start urls.py"
text = text.replace(anchor, anchor + '    path("opengov/", include("wagtail_opengov.urls")),\n', 1)
path.write_text(text)
PYEDIT
# Step 5: migrate.
"$PY" manage.py check
"$PY" manage.py migrate --verbosity 0
# Step 7: roles, groups and the control checkpoint workflow.
"$PY" manage.py opengov_setup
# Step 6: create a category, a campaign and a project through the admin forms.
"$PY" manage.py shell < "$ROOT/.ci/install_site.py" > urls.txt
cat urls.txt
CAMPAIGN_URL="$(grep '^CAMPAIGN_URL=' urls.txt | cut -d= -f2)"
PROJECT_URL="$(grep '^PROJECT_URL=' urls.txt | cut -d= -f2)"

"$PY" manage.py runserver "127.0.0.1:$PORT" --noreload >server.log 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.5; done
fetch() {
  local url="http://127.0.0.1:$PORT$1" expect="$2"
  local status
  status="$(curl -s -o page.html -w '%{http_code}' "$url")"
  if [ "$status" != 200 ] || ! grep -q "$expect" page.html; then
    echo "FAILED: $url answered $status without '$expect'"; tail -30 server.log; exit 1
  fi
  echo "ok: $url ($status, shows '$expect')"
}
fetch "$CAMPAIGN_URL" "Освещение двора по ул. Абая, 45"
fetch "$PROJECT_URL" "Шесть фонарей."
if grep -q "+7 701 000 00 00" page.html; then echo "FAILED: private contact rendered"; exit 1; fi
fetch "/opengov/api/v1/campaigns/" '"voting_open": *true'
fetch "/opengov/api/v1/openapi.json" "roulette/draw"
echo "== install check passed for Wagtail $LINE"
