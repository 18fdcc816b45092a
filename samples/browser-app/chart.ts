// The loss curve on a canvas: cost against step, rescaled as points arrive.
export function drawCurve(canvas: HTMLCanvasElement, points: readonly (readonly [number, number])[], lastStep: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  const pad = { left: 56, right: 16, top: 16, bottom: 36 };
  const plotW = width - pad.left - pad.right, plotH = height - pad.top - pad.bottom;
  const costs = points.map(([, c]) => c);
  const top = Math.max(...costs, 1e-9), bottom = 0;
  const px = (step: number) => pad.left + (step / Math.max(1, lastStep)) * plotW;
  const py = (cost: number) => pad.top + (1 - (cost - bottom) / (top - bottom)) * plotH;

  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = '#888';
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(pad.left, pad.top);
  ctx.lineTo(pad.left, pad.top + plotH);
  ctx.lineTo(pad.left + plotW, pad.top + plotH);
  ctx.stroke();

  ctx.fillStyle = '#333';
  ctx.font = '12px sans-serif';
  ctx.textAlign = 'right';
  ctx.fillText(top.toFixed(2), pad.left - 6, pad.top + 4);
  ctx.fillText('0', pad.left - 6, pad.top + plotH + 4);
  ctx.textAlign = 'center';
  ctx.fillText('step', pad.left + plotW / 2, height - 8);
  ctx.fillText(String(lastStep), pad.left + plotW, pad.top + plotH + 16);

  if (points.length === 0) return;
  ctx.strokeStyle = '#c0392b';
  ctx.lineWidth = 2;
  ctx.beginPath();
  points.forEach(([s, c], i) => (i === 0 ? ctx.moveTo(px(s), py(c)) : ctx.lineTo(px(s), py(c))));
  ctx.stroke();
}
