#!/usr/bin/env bash
# The main job: trains STL baselines and several methods on multi-fashion from real Fashion-MNIST and
# prints one table of per-task accuracy and Δp. Extra arguments go to `mtl compare`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
dotnet build src/MtlSharp.Cli -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet src/MtlSharp.Cli/bin/Release/net10.0/mtl.dll compare \
  --benchmark multi-fashion \
  --methods stl,ew,gls,uw,dwa,wgem \
  --epochs 3 --batch-size 256 --lr 1e-3 --seed 0 \
  --overwrite "$@"
