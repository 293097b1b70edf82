namespace DanVanKheo.Import.Csv;

/// <summary>
/// <c>code,name,level,type,parent_code</c>, the format of the national statistics office list; an empty
/// parent means directly under <c>VN</c>. Hamlets use the same format.
/// </summary>
public static class UnitCsv
{
    public static readonly string[] Columns = ["code", "name", "level", "type", "parent_code"];

    public static IEnumerable<CsvRow<UnitDefinition>> Read(TextReader reader) =>
        CsvTable.Read(reader, Columns, get =>
        {
            if (!Codes.TryParseLevel(get("level"), out var level) || level == Level.National)
            {
                throw new DvkException("bad-level", $"level '{get("level")}' is not province, district, commune or hamlet");
            }

            return Rules.Validate(new UnitDefinition(get("code"), get("name"), level, get("type"), get("parent_code")));
        });
}
