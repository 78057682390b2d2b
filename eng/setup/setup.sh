#!/usr/bin/env bash
# Fresh-machine set-up steps, sourced by build.sh (`./build.sh setup`); also runnable on its own.
# Each step checks first and acts only when something is missing, so a second run is quick and never
# calls apt. See DEVELOPERS.md for why each step exists.
#
# Expects REPO_ROOT, log, die and run from build.sh when sourced.

readonly APT_PACKAGES=(librdkafka1 librdkafka-dev kcat python3-avro python3-jsonschema gcc)
readonly SYSTEM_PYTHON="/usr/bin/python3"   # Debian's python3-avro and python3-jsonschema are installed for this interpreter only
readonly PLACEHOLDER_PROJECT="eng/librdkafka-redist-placeholder"
readonly PLACEHOLDER_FEED="artifacts/placeholder-packages"
readonly PLACEHOLDER_NUPKG="$PLACEHOLDER_FEED/librdkafka.redist.2.15.1.1.nupkg"
readonly COMPAT_SOURCE="eng/compat/librdkafka-compat.c"
readonly COMPAT_LIBRARY="artifacts/native/libtypedproducer-rdkafka-compat.so"
# librdkafka 2.1.0 (RD_KAFKA_VERSION 0x020100ff) added the leader-epoch API Confluent.Kafka 2.15.1's consumer calls.
readonly COMPAT_BELOW_VERSION=$((0x020100ff))

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
        log "apt-get not found: install librdkafka (+ headers), kcat, python3 avro and gcc with your package manager"
        return 0
    fi

    local -a missing
    mapfile -t missing < <(missing_apt_packages)
    if ((${#missing[@]} == 0)); then
        log "ok: Debian packages ${APT_PACKAGES[*]}"
        return 0
    fi

    local -a sudo=()
    if ((EUID != 0)); then
        command -v sudo >/dev/null 2>&1 || die "need root or sudo to install: ${missing[*]}"
        sudo=(sudo)
    fi
    log "installing missing Debian packages: ${missing[*]}"
    run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
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

ensure_placeholder_package() {
    # NuGet.config lists this folder as a source: it must exist before any restore, even where the
    # placeholder ends up unused (nuget.org has the real librdkafka.redist 2.15.1).
    mkdir -p "$PLACEHOLDER_FEED"
    if [[ -f "$PLACEHOLDER_NUPKG" ]]; then
        log "ok: $PLACEHOLDER_NUPKG"
        return 0
    fi
    log "packing the binary-free librdkafka.redist placeholder"
    run dotnet pack "$PLACEHOLDER_PROJECT" -c Release -o "$PLACEHOLDER_FEED" --nologo -v quiet
    [[ -f "$PLACEHOLDER_NUPKG" ]] || die "dotnet pack did not produce $PLACEHOLDER_NUPKG"
}

# Prints RD_KAFKA_VERSION (e.g. 0x020002ff for 2.0.2) from the installed librdkafka headers.
librdkafka_version_hex() {
    printf '#include <librdkafka/rdkafka.h>\nRD_KAFKA_VERSION\n' | gcc -E -P -x c - 2>/dev/null | tail -n 1
}

ensure_compat_shim() {
    local version
    version="$(librdkafka_version_hex)" || true
    if [[ ! "$version" =~ ^0x[0-9a-fA-F]{8}$ ]]; then
        log "warning: cannot read RD_KAFKA_VERSION from <librdkafka/rdkafka.h>: consumer compat shim not built"
        return 0
    fi
    local pretty
    pretty="$((version >> 24 & 0xff)).$((version >> 16 & 0xff)).$((version >> 8 & 0xff))"

    if ((version >= COMPAT_BELOW_VERSION)); then
        log "ok: system librdkafka $pretty has the leader-epoch API: no consumer compat shim needed"
        if [[ -e "$COMPAT_LIBRARY" ]]; then
            run rm -f "$COMPAT_LIBRARY"
        fi
        return 0
    fi

    if [[ -f "$COMPAT_LIBRARY" && ! "$COMPAT_SOURCE" -nt "$COMPAT_LIBRARY" ]]; then
        log "ok: $COMPAT_LIBRARY (system librdkafka $pretty)"
        return 0
    fi

    log "system librdkafka $pretty < 2.1.0: building the consumer compat shim"
    mkdir -p "$(dirname "$COMPAT_LIBRARY")"
    # Build beside the target and rename, so a concurrent reader never sees a half-written library.
    local temporary="$COMPAT_LIBRARY.tmp.$$"
    run gcc -O2 -shared -fPIC -o "$temporary" "$COMPAT_SOURCE" -Wl,--no-as-needed -l:librdkafka.so.1
    mv -f "$temporary" "$COMPAT_LIBRARY"
}

setup() {
    local started=$SECONDS
    # The steps use repository-relative paths; the caller's directory is restored afterwards.
    pushd "$REPO_ROOT" >/dev/null
    export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
    ensure_apt_packages
    ensure_python_avro
    ensure_dotnet
    ensure_placeholder_package
    ensure_compat_shim
    if [[ -f "$COMPAT_LIBRARY" && -z "${TYPEDPRODUCER_RDKAFKA_COMPAT:-}" ]]; then
        # Read by eng/compat/LibrdkafkaCompat.cs (which also finds the file by itself inside the repository).
        export TYPEDPRODUCER_RDKAFKA_COMPAT="$REPO_ROOT/$COMPAT_LIBRARY"
    fi
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
