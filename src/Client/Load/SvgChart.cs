using System.Globalization;
using System.Text;

namespace DanVanKheo.Client.Load;

/// <summary>Throughput and roll-up lag per second as a plain SVG line chart (no drawing library needed).</summary>
public static class SvgChart
{
    private const int Width = 900;
    private const int Height = 360;
    private const int Left = 70;
    private const int Right = 70;
    private const int Top = 40;
    private const int Bottom = 50;

    public static string Render(IReadOnlyList<TimelinePoint> points, string title)
    {
        var maxX = Math.Max(1, points.Count - 1);
        var maxRate = Nice(points.Select(p => (double)p.Updates).DefaultIfEmpty(1).Max());
        var maxLag = Nice(points.Select(p => p.LagMaxMs ?? 0).DefaultIfEmpty(1).Max());
        var (w, h) = (Width - Left - Right, Height - Top - Bottom);
        string X(double s) => F(Left + s / maxX * w);
        string Y(double v, double max) => F(Top + h - v / max * h);

        var svg = new StringBuilder();
        svg.AppendLine($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{Height}" font-family="sans-serif" font-size="12">""");
        svg.AppendLine($"""<rect width="{Width}" height="{Height}" fill="white"/>""");
        svg.AppendLine($"""<text x="{Width / 2}" y="22" text-anchor="middle" font-size="15">{Escape(title)}</text>""");
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + h - i * h / 4.0;
            svg.AppendLine($"""<line x1="{Left}" y1="{F(y)}" x2="{Left + w}" y2="{F(y)}" stroke="#ddd"/>""");
            svg.AppendLine($"""<text x="{Left - 6}" y="{F(y + 4)}" text-anchor="end" fill="#1f77b4">{maxRate * i / 4:0}</text>""");
            svg.AppendLine($"""<text x="{Left + w + 6}" y="{F(y + 4)}" fill="#d62728">{maxLag * i / 4:0}</text>""");
        }

        for (var s = 0; s <= maxX; s += Math.Max(1, maxX / 10))
        {
            svg.AppendLine($"""<text x="{X(s)}" y="{Top + h + 18}" text-anchor="middle">{s}</text>""");
        }

        svg.AppendLine($"""<text x="{Left + w / 2}" y="{Height - 10}" text-anchor="middle">giây / seconds</text>""");
        svg.AppendLine($"""<text x="14" y="{Top + h / 2}" fill="#1f77b4" transform="rotate(-90 14 {Top + h / 2})" text-anchor="middle">cập nhật/giây / updates per second</text>""");
        svg.AppendLine($"""<text x="{Width - 14}" y="{Top + h / 2}" fill="#d62728" transform="rotate(90 {Width - 14} {Top + h / 2})" text-anchor="middle">độ trễ tổng hợp (ms) / roll-up lag, max</text>""");
        svg.AppendLine($"""<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="{string.Join(' ', points.Select(p => $"{X(p.Second)},{Y(p.Updates, maxRate)}"))}"/>""");
        svg.AppendLine($"""<polyline fill="none" stroke="#d62728" stroke-width="2" points="{string.Join(' ', points.Where(p => p.LagMaxMs is not null).Select(p => $"{X(p.Second)},{Y(p.LagMaxMs!.Value, maxLag)}"))}"/>""");
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static double Nice(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(v => v >= max);
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
