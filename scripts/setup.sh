#!/usr/bin/env bash
# Shared setup of the main job and the tests: checks the .NET SDK and installs Fashion-MNIST from
# Debian's dataset-fashion-mnist package when it is missing and this user may install packages.
set -euo pipefail

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET 10 SDK (dotnet) is not on PATH; install it first (https://dot.net)." >&2
  exit 1
fi

data_root="${MTLSHARP_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
if [ ! -f "$data_root/train-images-idx3-ubyte.gz" ] && [ ! -f "$data_root/train-images-idx3-ubyte" ]; then
  if [ -n "${MTLSHARP_FASHION_MNIST:-}" ]; then
    echo "error: MTLSHARP_FASHION_MNIST=$data_root has no Fashion-MNIST IDX files (train-images-idx3-ubyte.gz and the other three)." >&2
    exit 1
  fi

  echo "Fashion-MNIST not found in $data_root; installing Debian's dataset-fashion-mnist package."
  if [ "$(id -u)" -eq 0 ]; then
    apt_get=(apt-get)
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt_get=(sudo apt-get)
  else
    echo "error: installing dataset-fashion-mnist needs root. Run: sudo apt-get install dataset-fashion-mnist" >&2
    echo "       or set MTLSHARP_FASHION_MNIST to a folder with the four Fashion-MNIST IDX files." >&2
    exit 1
  fi

  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${apt_get[@]}" install -y -qq dataset-fashion-mnist
fi
