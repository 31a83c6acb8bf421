using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackCare.Clinical;
using BackCare.Clinical.Contract;
using BackCare.Data;
using BackCare.Data.Assessments;
using BackCare.Data.Clinics;
using BackCare.Web.Assessments;
using Microsoft.EntityFrameworkCore;

namespace BackCare.Web.Check;

/// <summary>
/// Keeps a finished check in a person's account. The case is rebuilt from the protected state (which the server
/// wrote and signed, so the browser cannot have changed it) and assessed again here; each check is kept once.
/// </summary>
public sealed class CheckSaver(BackCareDbContext db, CheckStateProtector protector, TimeProvider clock)
{
    /// <summary>The case id a saved web check carries, as the contract's <c>id</c>.</summary>
    public const string CaseId = "web-check";

    /// <summary>The saved assessment (new, or the one saved from this check before); null when the token is not a finished check.</summary>
    public async Task<SavedAssessment?> SaveAsync(Guid ownerId, string? token, CancellationToken cancellationToken = default)
    {
        if (!IsFinished(protector.Unprotect(token), out var state))
        {
            return null;
        }

        var fingerprint = Fingerprint(token!);
        if (await FindAsync(ownerId, fingerprint, cancellationToken) is { } existing)
        {
            return existing;
        }

        var age = state.Age!.Value;
        var result = Assessor.Assess(age, state.Findings) with { Id = CaseId };
        var saved = SavedAssessment.FromCheck(
            ownerId, fingerprint, CaseJson(state), AssessmentJsonResult.ToJson(result), result.Disposition.WireName(), age);
        db.SavedAssessments.Add(saved);
        try
        {
            await WorklistUpdater.RaiseAsync(db, WorklistNews.Assessed(ownerId, saved.Disposition), clock.GetUtcNow().UtcDateTime, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return saved;
        }
        catch (DbUpdateException)
        {
            // The same result page opened twice at once: the other request saved it.
            db.ChangeTracker.Clear();
            return await FindAsync(ownerId, fingerprint, cancellationToken) ?? throw new InvalidOperationException("The check could not be saved.");
        }
    }

    /// <summary>True when the state is a check that has reached its result (every question answered, or an emergency).</summary>
    public static bool IsFinished(CheckState? candidate, out CheckState state)
    {
        state = candidate!;
        return candidate is { Age: not null } && (candidate.NextKey() is null || candidate.IsEmergency);
    }

    /// <summary>The case as the assessment contract writes it.</summary>
    public static string CaseJson(CheckState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("id", CaseId);
            writer.WriteNumber("age", state.Age ?? 0);
            if (state.Sex is { } sex)
            {
                writer.WriteString("sex", sex.ToString().ToLowerInvariant());
            }

            writer.WritePropertyName("findings");
            ResultWriter.WriteFindings(writer, state.Findings);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private Task<SavedAssessment?> FindAsync(Guid ownerId, string fingerprint, CancellationToken cancellationToken) =>
        db.SavedAssessments.AsNoTracking().SingleOrDefaultAsync(a => a.OwnerId == ownerId && a.CheckFingerprint == fingerprint, cancellationToken);

    private static string Fingerprint(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
