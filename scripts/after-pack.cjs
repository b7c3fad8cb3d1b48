// electron-builder afterPack hook: flips the fuses of scripts/fuses.ts in the packed executable.
// GARAGE_SKIP_FUSES=1 is set only by `npm run package:check`, whose stub Electron has no fuse wire.
module.exports = async function afterPack(context) {
  if (process.env.GARAGE_SKIP_FUSES === '1') {
    console.log('  • fuses skipped: stub Electron distribution (package:check)');
    return;
  }
  const { applyFuses, executableOf } = await import('./fuses.ts');
  await applyFuses(executableOf(context));
};
