#!/usr/bin/env bash
# Two revisions of ConvSharp side by side in one process (see Host/Program.cs):
#   bench/SideBySide/run.sh REV_A REV_B [THREADS] [ROUNDS] [CASE,...]
# REV may be any git revision, or "work" for the working tree as it is. Prints B/A per case, each build loaded first
# once, and the geometric mean. Removes its worktrees and temporary folder when it ends.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
a=${1:?REV_A}; b=${2:?REV_B}; threads=${3:-2}; rounds=${4:-31}; cases=${5:-}
# A layer case needs the driver built with the layer (builds before issue #8 lack it).
layers=false
case ",$cases," in *,vgg64/*|*,vgg64nhwc/*|*,resnet256/*|*,pw512/*|*,pw512nhwc/*|*,dw32/*|*,dw32nhwc/*|*,batch8/*) layers=true ;; esac
# A binary layer case needs the driver built with the XNOR layer (builds before issue #9 lack it).
binary=false
case ",$cases," in *,layer28/*|*,layer14/*) binary=true ;; esac
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/wt_a" 2>/dev/null || true; git -C "$root" worktree remove --force "$tmp/wt_b" 2>/dev/null || true; git -C "$root" worktree prune; rm -rf "$tmp"' EXIT

quiet() {   # runs a build, showing its output only when it fails
  "$@" > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }
}

build() {   # build REV NAME: ConvSharp at REV, and the driver against it, into $tmp/NAME
  local rev=$1 name=$2 src
  if [ "$rev" = work ]; then src=$root; else git -C "$root" worktree add -q -f "$tmp/wt_$name" "$rev"; src=$tmp/wt_$name; fi
  quiet dotnet build "$src/src/ConvSharp/ConvSharp.csproj" -c Release -o "$tmp/lib_$name" -v q -nologo
  quiet dotnet build "$here/Driver/SideBySide.Driver.csproj" -c Release -o "$tmp/$name" -v q -nologo \
    -p:ConvSharpDll="$tmp/lib_$name/ConvSharp.dll" -p:WithLayers="$layers" -p:WithBinary="$binary" --no-incremental
}

build "$a" a
build "$b" b
quiet dotnet build "$here/Host/SideBySide.csproj" -c Release -o "$tmp/host" -v q -nologo
dotnet "$tmp/host/SideBySide.dll" run "$tmp/a" "$tmp/b" "$threads" "$rounds" $cases > "$tmp/ab.tsv"
dotnet "$tmp/host/SideBySide.dll" run "$tmp/b" "$tmp/a" "$threads" "$rounds" $cases > "$tmp/ba.tsv"
echo "A = $a, B = $b, $threads thread(s), $rounds rounds of $((21)) calls each way"
dotnet "$tmp/host/SideBySide.dll" combine "$tmp/ab.tsv" "$tmp/ba.tsv" | column -t -s $'\t'
