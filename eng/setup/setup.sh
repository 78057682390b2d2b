#!/usr/bin/env bash
# Fresh-machine set-up steps, sourced by build.sh (`./build.sh setup`); also runnable on its own.
# Each step checks first and acts only when something is missing, so a second run is quick and never
# calls apt. See DEVELOPERS.md for why each step exists.
#
# Expects REPO_ROOT, log, die and run from build.sh when sourced.

# Independent peers for interop checks only: librdkafka itself comes from the librdkafka.redist NuGet package.
readonly APT_PACKAGES=(kcat python3-avro python3-jsonschema)
readonly SYSTEM_PYTHON="/usr/bin/python3"   # Debian's python3-avro and python3-jsonschema are installed for this interpreter only

# Prints the Debian packages from APT_PACKAGES that are not installed (one dpkg-query call).
missing_apt_packages() {
    local package status
    local -A installed=()
    while read -r package status; do
        [[ "$status" == "installed" ]] && installed[$package]=1
    done < <(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)
    for package in "${APT_PACKAGES[@]}"; do
        [[ -n "${installed[$package]:-}" ]] || printf '%s\n' "$package"
    done
}

ensure_apt_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        log "apt-get not found: install kcat, python3 avro and python3 jsonschema with your package manager"
        return 0
    fi

    local -a missing
    mapfile -t missing < <(missing_apt_packages)
    if ((${#missing[@]} == 0)); then
        log "ok: Debian packages ${APT_PACKAGES[*]}"
        return 0
    fi

    apt_install "${missing[@]}"
}

# Installs Debian packages (as root, or through sudo).
apt_install() {
    local -a sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: $*"
        sudo=(sudo)
    fi
    log "installing missing Debian packages: $*"
    run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# For `./build.sh bench` only: the C baseline of the native produce benchmarks
# (tests/TypedProducer.Benchmarks/Native/native_producer.c) is compiled with gcc at bench time.
ensure_c_compiler() {
    if command -v gcc >/dev/null 2>&1; then
        log "ok: gcc $(gcc -dumpversion) (C baseline of the native benchmarks)"
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || die "gcc not found: install a C compiler (gcc) and the C library headers with your package manager"
    apt_install gcc libc6-dev
}

ensure_python_avro() {
    if "$SYSTEM_PYTHON" -c 'import avro' >/dev/null 2>&1; then
        log "ok: $SYSTEM_PYTHON imports avro (interop tests decode with it)"
    else
        die "$SYSTEM_PYTHON cannot import avro: install Debian's python3-avro (not pip into the python3 on PATH)"
    fi
    if "$SYSTEM_PYTHON" -c 'import jsonschema' >/dev/null 2>&1; then
        log "ok: $SYSTEM_PYTHON imports jsonschema (JSON interop tests validate with it)"
    else
        die "$SYSTEM_PYTHON cannot import jsonschema: install Debian's python3-jsonschema (not pip into the python3 on PATH)"
    fi
}

ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is not on PATH: install the .NET 10 SDK"
}

setup() {
    local started=$SECONDS
    # The steps use repository-relative paths; the caller's directory is restored afterwards.
    pushd "$REPO_ROOT" >/dev/null
    export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
    ensure_apt_packages
    ensure_python_avro
    ensure_dotnet
    popd >/dev/null
    log "setup done in $((SECONDS - started))s"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    # Run directly: provide what build.sh would.
    set -euo pipefail
    REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
    log() { printf '[setup] %s\n' "$*"; }
    die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }
    run() { log "+ $*"; "$@"; }
    setup
fi
