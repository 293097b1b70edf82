namespace DanVanKheo.Grains;

public static class StorageNames
{
    /// <summary>The grain storage provider every DanVanKheo grain uses (memory by default, PostgreSQL when durable).</summary>
    public const string Store = "dvk";
}
