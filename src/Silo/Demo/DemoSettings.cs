namespace DanVanKheo.Silo.Demo;

/// <summary>Bound from section <c>Demo</c>.</summary>
public sealed class DemoSettings
{
    public const string Section = "Demo";

    /// <summary>With in-memory storage, load the real unit list and the published reports' models at start-up.</summary>
    public bool Load { get; set; } = true;

    /// <summary>Folder of <c>vn-admin-units-2025-03.csv</c> and <c>reports/*.csv</c>; relative to the silo's own folder.</summary>
    public string DataFolder { get; set; } = "data";
}
