using System.Globalization;
using System.Text.Json;
using BackCare.Data.Accounts;
using BackCare.Data.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace BackCare.Data.PersonalData;

/// <summary>
/// Everything held about a person, as one JSON document: the account (without its password hash) and every row
/// of every table in <see cref="PersonalDataTables"/>, each with all its columns as the model maps them, so a
/// column added later is exported without a change here. Each export is itself audited.
/// </summary>
public sealed class AccountExport(BackCareDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string FormatVersion = "backcare-export/1";

    /// <summary>The document as UTF-8 JSON; null when there is no such account.</summary>
    public async Task<byte[]?> ExportAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        // Recorded first, so the export holds the record of itself being made.
        await audit.RecordAsync(AuditAction.Export, accountId, nameof(Account), accountId.ToString(), cancellationToken);

        using var stream = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatVersion);
            writer.WriteString("exportedAt", clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WritePropertyName("account");
            WriteRow(writer, db.Model.FindEntityType(typeof(Account))!, account);
            foreach (var table in PersonalDataTables.All)
            {
                var entityType = db.Model.FindEntityType(table.EntityType)
                    ?? throw new InvalidOperationException($"{table.EntityType.Name} is not in the model.");
                writer.WriteStartArray(table.Name);
                foreach (var row in await table.ReadAsync(db, accountId, cancellationToken))
                {
                    WriteRow(writer, entityType, row);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteRow(Utf8JsonWriter writer, IEntityType entityType, object row)
    {
        writer.WriteStartObject();
        foreach (var property in entityType.GetProperties())
        {
            if (PersonalDataTables.NeverExported.Contains(property.Name))
            {
                continue;
            }

            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            WriteValue(writer, property.Name, property.GetGetter().GetClrValue(row));
        }

        // What an entry showed is kept once for every entry that showed it, not in the entry's row: written out in full here.
        if (row is Diary.DiaryEntry entry)
        {
            writer.WritePropertyName(JsonNamingPolicy.CamelCase.ConvertName(nameof(entry.ResultJson)));
            WriteValue(writer, nameof(entry.ResultJson), entry.ResultJson);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string propertyName, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text when propertyName.EndsWith("Json", StringComparison.Ordinal) && IsJson(text): writer.WriteRawValue(text); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int whole: writer.WriteNumberValue(whole); break;
            case long whole: writer.WriteNumberValue(whole); break;
            case double number: writer.WriteNumberValue(number); break;
            case decimal number: writer.WriteNumberValue(number); break;
            case Guid id: writer.WriteStringValue(id); break;
            case byte[] bytes: writer.WriteStringValue(Convert.ToHexStringLower(bytes)); break;
            case DateTime time: writer.WriteStringValue(DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset time: writer.WriteStringValue(time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly day: writer.WriteStringValue(day.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case Enum choice: writer.WriteStringValue(choice.ToString()); break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
