using System.Globalization;

namespace DanVanKheo.Client.Output;

/// <summary>Numbers as Vietnamese readers write them: 10.806 (dot for thousands), 2,5 (comma for decimals).</summary>
public static class Numbers
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Format(long value) => value.ToString("N0", Vietnamese);

    public static string Format(double value, int decimals) => value.ToString("N" + decimals, Vietnamese);
}
