# Sourced by the simulator measurement scripts: their "--name VALUE" options. The script defines
# usage MESSAGE (prints MESSAGE with its own options and exits 2) before calling these.
# parse_options 'name=var ...' "$@": --name VALUE sets var; an unknown option or one without a value is a usage error.
parse_options() {
  local spec=$1 pair var
  shift
  while [ $# -gt 0 ]; do
    var=
    for pair in $spec; do [ "$1" = "--${pair%%=*}" ] && var=${pair#*=}; done
    [ -n "$var" ] || usage "unknown option $1"
    [ $# -ge 2 ] || usage "$1 needs a value"
    printf -v "$var" '%s' "$2"
    shift 2
  done
}
# whole_numbers --name VALUE ...: each VALUE is a whole number of at least 1, else a usage error naming --name.
whole_numbers() {
  while [ $# -gt 0 ]; do
    [[ "$2" =~ ^[1-9][0-9]*$ ]] || usage "$1 must be a whole number of at least 1 (was '$2')"
    shift 2
  done
}
