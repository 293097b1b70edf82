namespace DanVanKheo.Client.Load;

/// <summary>The mixed operations of the update phase, with their share of it.</summary>
public enum UpdateKind
{
    Register,
    Evaluate,
    Commend,
    Discontinue,
}

public static class UpdateMix
{
    public static UpdateKind Pick(Random random) => random.Next(100) switch
    {
        < 25 => UpdateKind.Register,
        < 65 => UpdateKind.Evaluate,
        < 90 => UpdateKind.Commend,
        _ => UpdateKind.Discontinue,
    };
}
