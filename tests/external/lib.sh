# Shared by the external checks and .ci/run: source it, then call
#   need_command COMMAND PACKAGE [APT_OPTION...]   installs PACKAGE with apt-get unless COMMAND exists
#   python_venv DIR REQUIREMENTS                   creates DIR, installs REQUIREMENTS into it
#                                                  (again only when the file changed)

need_command() {
  local command=$1 package=$2
  shift 2
  command -v "$command" >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" "$package"
}

python_venv() {
  local venv=$1 req=$2
  if [ ! -x "$venv/bin/python" ]; then
    echo "creating $venv" >&2
    python3 -m venv "$venv"
  fi
  if ! cmp -s "$req" "$venv/.requirements.txt"; then
    echo "installing $req into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req"
    cp "$req" "$venv/.requirements.txt"
  fi
}
