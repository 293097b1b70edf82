namespace DanVanKheo.Grains;

public static class StorageNames
{
    /// <summary>Accounts, audit and the rest (memory by default, the Orleans ADO.NET provider when durable).</summary>
    public const string Store = "dvk";

    /// <summary>
    /// Unit and model state, the bulk of all writes: a storage name of its own so that the durable mode can give it
    /// a provider that commits many grains' writes in one statement (memory by default, like <see cref="Store"/>).
    /// </summary>
    public const string Rollup = "dvk-rollup";
}
