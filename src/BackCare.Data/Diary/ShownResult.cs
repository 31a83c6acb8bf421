using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Data.Diary;

/// <summary>
/// One re-assessment result exactly as a person was shown it (the contract's result JSON), stored once and shared by
/// every diary entry that showed the same bytes: a million entries show a few thousand distinct results, mostly the
/// same plan texts (decision 0024). The key is the SHA-256 of the JSON's UTF-8 bytes, so the same result is the same
/// row whichever process writes it, and a row never changes: a new content release gives new rows, and an old entry
/// keeps pointing at the words it showed. The result holds the engine's codes and texts, nothing the person wrote.
/// </summary>
public sealed class ShownResult
{
    public const int HashLength = 32;

    public ShownResult(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        Json = json;
        Hash = HashOf(json);
    }

    private ShownResult()
    {
    }

    public byte[] Hash { get; private set; } = [];

    public string Json { get; private set; } = "";

    public static byte[] HashOf(string json) => SHA256.HashData(Encoding.UTF8.GetBytes(json));

    /// <summary>
    /// Stores each result not stored yet, in the context's current transaction. Safe beside other writers doing the
    /// same (<c>ON CONFLICT DO NOTHING</c>): a row another transaction inserts first is the same bytes.
    /// </summary>
    internal static async Task StoreAsync(BackCareDbContext db, IEnumerable<ShownResult> results, CancellationToken cancellationToken = default)
    {
        foreach (var (sql, parameters) in Inserts(db, results))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    /// <inheritdoc cref="StoreAsync"/>
    internal static void Store(BackCareDbContext db, IEnumerable<ShownResult> results)
    {
        foreach (var (sql, parameters) in Inserts(db, results))
        {
            db.Database.ExecuteSqlRaw(sql, parameters);
        }
    }

    private static IEnumerable<(string Sql, object[] Parameters)> Inserts(BackCareDbContext db, IEnumerable<ShownResult> results)
    {
        var distinct = results.DistinctBy(r => Convert.ToHexString(r.Hash)).ToList();
        if (distinct.Count == 0)
        {
            yield break;
        }

        if (db.Database.IsNpgsql())
        {
            // One statement for the batch, as the entries themselves go in one COPY.
            yield return (
                "INSERT INTO shown_results (hash, json) SELECT * FROM unnest({0}::bytea[], {1}::text[]) ON CONFLICT (hash) DO NOTHING",
                [distinct.Select(r => r.Hash).ToArray(), distinct.Select(r => r.Json).ToArray()]);
            yield break;
        }

        foreach (var result in distinct)
        {
            yield return ("INSERT INTO shown_results (hash, json) VALUES ({0}, {1}) ON CONFLICT (hash) DO NOTHING", [result.Hash, result.Json]);
        }
    }

    /// <summary>Gives each entry the result it showed, with one query for all the distinct ones.</summary>
    public static async Task LoadIntoAsync(BackCareDbContext db, IReadOnlyCollection<DiaryEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var wanted = entries.Where(e => e.ResultHash is not null && !e.HasResultLoaded).Select(e => e.ResultHash!)
            .DistinctBy(Convert.ToHexString).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        // One parameter a distinct result: a page of entries shows a handful of them.
        var sql = "SELECT hash, json FROM shown_results WHERE hash IN (" + string.Join(", ", wanted.Select((_, i) => "{" + i + "}")) + ")";
        var byHash = (await db.Set<ShownResult>().FromSqlRaw(sql, [.. wanted]).AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(r => Convert.ToHexString(r.Hash), r => r.Json);
        foreach (var entry in entries.Where(e => e.ResultHash is not null && !e.HasResultLoaded))
        {
            entry.ShowResult(byHash[Convert.ToHexString(entry.ResultHash!)]);
        }
    }
}
