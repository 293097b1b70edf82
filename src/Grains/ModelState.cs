namespace DanVanKheo.Grains;

[GenerateSerializer, Alias("dvk.ModelState")]
public sealed class ModelState
{
    [Id(0)] public ModelRecord? Record { get; set; }

    /// <summary>A unit the model left whose removal report may not have been confirmed yet.</summary>
    [Id(1)] public string? PendingRemovalFrom { get; set; }
}
