# Shared by scripts/demo and scripts/test: find a Python, create the virtualenv once, install the package.
# OPENGOV_WAGTAIL=7.4 selects the Wagtail 7.4 LTS line (with Django 5.2) in a separate virtualenv.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINE="${OPENGOV_WAGTAIL:-8.0}"

python_ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= ('"$2"') else 1)' >/dev/null 2>&1; }

find_python() {
  # Wagtail 8 with Django 6 needs Python >= 3.12; Wagtail 7.4 LTS runs on 3.11 too.
  local want="3, 12"
  [ "$LINE" = "7.4" ] && want="3, 11"
  local candidates=(python3.13 python3.12 python3)
  if command -v pyenv >/dev/null 2>&1 || [ -d "${PYENV_ROOT:-$HOME/.pyenv}/versions" ]; then
    for dir in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin; do
      [ -x "$dir/python3" ] && candidates+=("$dir/python3")
    done
  fi
  if [ "$LINE" = "7.4" ]; then candidates=(python3 python3.11 "${candidates[@]}"); fi
  for candidate in "${candidates[@]}"; do
    if python_ok "$candidate" "$want"; then echo "$candidate"; return 0; fi
  done
  # No 3.12+: Wagtail 8 still runs on 3.11 with Django 5.2.
  for candidate in python3.11 python3; do
    if python_ok "$candidate" "3, 11"; then echo "$candidate"; return 0; fi
  done
  echo "Python 3.11 or newer is required." >&2
  return 1
}

if [ "$LINE" = "8.0" ]; then VENV="$ROOT/.venv"; else VENV="$ROOT/.venv-wagtail$LINE"; fi
PY="$VENV/bin/python"

ensure_venv() {
  local stamp="$VENV/.opengov-installed"
  local want
  want="$LINE $(cat "$ROOT/setup.cfg" | sha1sum | cut -c1-12)"
  if [ -x "$PY" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  if [ ! -x "$PY" ]; then
    local base
    base="$(find_python)"
    echo "Creating $VENV with $("$base" --version)…"
    "$base" -m venv "$VENV"
  fi
  local pins=()
  case "$LINE" in
    7.4) pins=("wagtail>=7.4,<7.5" "django>=5.2,<5.3") ;;
    8.0)
      if python_ok "$PY" "3, 12"; then pins=("wagtail>=8.0,<8.1" "django>=6.1,<6.2"); else pins=("wagtail>=8.0,<8.1" "django>=5.2,<5.3"); fi ;;
    *) echo "Unknown OPENGOV_WAGTAIL=$LINE (use 8.0 or 7.4)" >&2; return 1 ;;
  esac
  echo "Installing wagtail_opengov with ${pins[*]}…"
  # Local mirrors configured on some machines print harmless "is ignored" warnings; hide them.
  "$PY" -m pip install --quiet --disable-pip-version-check -e "$ROOT[test,sandbox]" "${pins[@]}" 2>&1 \
    | grep -v "is ignored: it is neither a file nor a directory" || true
  "$PY" -c "import wagtail_opengov, wagtail, django" || { echo "Installation failed." >&2; return 1; }
  echo "$want" > "$stamp"
}
