# Shared by the scripts: find or install uv, then install Davor's locked dependencies.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

UV_VERSION=0.13.9
export UV_FROZEN=1
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
elif python3 -m uv --version >/dev/null 2>&1; then
  UV=(python3 -m uv)
else
  echo "Installing uv ${UV_VERSION} …" >&2
  python3 -m pip install --quiet --user "uv==${UV_VERSION}" 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages --user "uv==${UV_VERSION}"
  UV=(python3 -m uv)
fi

davor_sync() {
  "${UV[@]}" sync --frozen --quiet "$@"
}

# Debian packages, as root or through sudo. Waits (up to 10 minutes) for another
# install that holds apt's lock instead of failing on it.
apt_install() {
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "Installing $* …" >&2
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}
