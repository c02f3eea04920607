#!/usr/bin/env bash
# Builds the self-contained app image (target/jpackage/captionlab) and, unless --app-image-only is given,
# the .deb (target/jpackage/captionlab_VERSION_amd64.deb) from the packaged jar and target/lib.
# Run through Maven: mvn -B -Ppackage package -DskipTests   (-Djpackage.only=app-image for the image alone).
#
# usage: jpackage.sh POM_VERSION TARGET_DIR [--only=app-image|--only=all]
set -euo pipefail
version="$1"
target="$2"
only="${3:---only=all}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
# jpackage wants a numeric version: 0.1.0-SNAPSHOT → 0.1.0
app_version="${version%%-*}"
out="$target/jpackage"
input="$out/input"

command -v jpackage >/dev/null || { echo "jpackage: not found (it comes with JDK 17+)" >&2; exit 1; }
[ -f "$target/captionlab.jar" ] || { echo "jpackage: $target/captionlab.jar is missing; run mvn package first" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$input/lib"
cp "$target/captionlab.jar" "$input/"
cp "$target/lib/"*.jar "$input/lib/"
# The shipped models, found beside the jar whatever the current folder (Settings looks upwards from the jar).
cp -r "$root/models" "$input/models"
# The encoder weights (MobileNetV2, Apache-2.0, 3.6 MB) with their labels and licence, when this machine has
# them: found in encoders/ beside the jar, so the installed app works offline. Without them, the app
# downloads them on first use.
enc="$root/../shared/encoders"
if [ -f "$enc/mobilenet_v2_1.0_224_quant.tflite" ]; then
  mkdir -p "$input/encoders"
  cp "$enc/mobilenet_v2_1.0_224_quant.tflite" "$enc/imagenet_labels.txt" "$input/encoders/"
  [ -f "$enc/LICENSE-coral-test_data.txt" ] && cp "$enc/LICENSE-coral-test_data.txt" "$input/encoders/"
else
  echo "jpackage: $enc has no encoder weights; the app will download them on first use" >&2
fi
cp "$root/LICENSE" "$input/LICENSE"

icon="$root/src/main/resources/org/captionlab/gui/captionlab.png"
common=(--name captionlab --app-version "$app_version" --vendor "CaptionLab"
        --description "Caption photos and see why a captioning model fails")
# ND4J and JavaCPP need jdk.unsupported; downloads need java.net.http; the rest is java.se.
modules="java.se,jdk.unsupported,jdk.crypto.ec,jdk.localedata,jdk.zipfs,jdk.charsets"

jpackage --type app-image "${common[@]}" --dest "$out" --input "$input" \
  --main-jar captionlab.jar --main-class org.captionlab.Launcher \
  --add-modules "$modules" --jlink-options "--strip-debug --no-header-files --no-man-pages" \
  --java-options "-Dfile.encoding=UTF-8" --icon "$icon"
echo "app image: $out/captionlab (bin/captionlab)"

if [ "$only" = "--only=app-image" ]; then
  exit 0
fi
for tool in fakeroot dpkg-deb; do
  command -v "$tool" >/dev/null || { echo "jpackage: the .deb needs $tool (apt-get install fakeroot dpkg)" >&2; exit 1; }
done
# src/packaging/deb holds jpackage's postinst and prerm with a few lines added: they put the command line on the
# PATH (/usr/bin/captionlab, a link to /opt/captionlab/bin/captionlab) and take it away again. The install
# folder is jpackage's default for the package name, which the scripts name literally.
jpackage --type deb "${common[@]}" --dest "$out" --app-image "$out/captionlab" \
  --linux-package-name captionlab --linux-app-category graphics --linux-menu-group "Graphics" \
  --linux-package-deps "libgtk-3-0" \
  --linux-shortcut --linux-deb-maintainer "captionlab@example.org" --license-file "$root/LICENSE" \
  --icon "$icon" --resource-dir "$root/src/packaging/deb"
deb="$(ls "$out"/captionlab_*.deb)"
# The link must point at the launcher the package really installs, and the scripts must be ours.
# (Whole listings first: grep -q would stop reading early, and pipefail would take dpkg-deb's SIGPIPE for a failure.)
contents="$(dpkg-deb -c "$deb")"
grep -q ' \./opt/captionlab/bin/captionlab$' <<<"$contents" \
  || { echo "jpackage: $deb does not install /opt/captionlab/bin/captionlab, which postinst links" >&2; exit 1; }
for script in postinst prerm; do
  grep -q '/usr/bin/captionlab' <<<"$(dpkg-deb -I "$deb" "$script")" \
    || { echo "jpackage: $deb has jpackage's default $script, not src/packaging/deb/$script" >&2; exit 1; }
done
echo "deb: $deb (puts captionlab on the PATH as /usr/bin/captionlab)"
