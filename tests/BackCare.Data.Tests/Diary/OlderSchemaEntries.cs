using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackCare.Data.Tests.Diary;

/// <summary>
/// Diary entries written as an older BackCare wrote them, into a database migrated only part of the way: by hand, since
/// the model maps the columns of the newest schema. Values go through EF's parameters, so they are stored as EF stores them.
/// </summary>
internal static class OlderSchemaEntries
{
    /// <summary>An entry of schemas 0007 to 0021, with its whole result JSON in the row when <paramref name="resultJson"/> is given.</summary>
    public static async Task<Guid> AddAsync(IServiceProvider services, Guid person, DateTime atUtc, int pain, string? resultJson = null)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackCareDbContext>();
        var id = Guid.CreateVersion7();
        var walk = true;
        var redFlag = false;
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO diary_entries (id, owner_id, created_utc, pain_score, spasms, could_walk, could_sit, could_sleep, could_work,
                notes, new_findings_json, disposition, red_flag, result_json)
            VALUES ({id}, {person}, {atUtc}, {pain}, {0}, {walk}, {walk}, {walk}, {walk}, {"written before"}, {"[]"}, {"self_care"}, {redFlag}, {resultJson})
            """);
        return id;
    }
}
