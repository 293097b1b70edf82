namespace DanVanKheo;

/// <summary>Administrative level; a smaller number is higher in the tree.</summary>
[GenerateSerializer, Alias("dvk.Level")]
public enum Level
{
    National = 0,
    Province = 1,
    District = 2,
    Commune = 3,
    Hamlet = 4,
}

[GenerateSerializer, Alias("dvk.Field")]
public enum Field
{
    Economy = 0,
    CultureSociety = 1,
    DefenseSecurity = 2,
    PoliticalSystem = 3,
}

[GenerateSerializer, Alias("dvk.ModelKind")]
public enum ModelKind
{
    Collective = 0,
    Individual = 1,
}

[GenerateSerializer, Alias("dvk.ModelStatus")]
public enum ModelStatus
{
    Active = 0,
    Discontinued = 1,
}

/// <summary>Levels at which a model is registered (a model may be registered at several).</summary>
[Flags, GenerateSerializer, Alias("dvk.RegistrationLevels")]
public enum RegistrationLevels
{
    None = 0,
    Commune = 1,
    District = 2,
    Province = 4,
}

/// <summary>Levels at which a model has been commended; a model may be commended at several.</summary>
[Flags, GenerateSerializer, Alias("dvk.Commendations")]
public enum Commendations
{
    None = 0,
    Commune = 1,
    District = 2,
    Province = 4,
    National = 8,
}
