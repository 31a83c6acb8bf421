namespace BackCare.Data.Auditing;

/// <summary>
/// Who read or changed whose health data, when and from where. Append-only: the database refuses updates and
/// deletions, except an account's erasure, which leaves the record of that erasure behind, and audit retention, which
/// removes whole months older than <see cref="AuditOptions.RetentionYears"/> (decision 0025); each holds an
/// <see cref="AuditRemovalPermit"/>.
/// </summary>
public sealed class AuditEvent
{
    public AuditEvent(DateTime atUtc, AuditActor actor, AuditAction action, Guid subjectId, string resourceType, string? resourceId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        AtUtc = atUtc;
        ActorId = actor.AccountId;
        RemoteAddress = actor.RemoteAddress;
        Action = action;
        SubjectId = subjectId;
        ResourceType = resourceType;
        ResourceId = resourceId;
    }

    private AuditEvent()
    {
    }

    public long Id { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>The account that acted; null for the system itself or someone not signed in.</summary>
    public Guid? ActorId { get; private set; }

    /// <summary>The account whose record was touched.</summary>
    public Guid SubjectId { get; private set; }

    public AuditAction Action { get; private set; }

    public string ResourceType { get; private set; } = "";

    public string? ResourceId { get; private set; }

    public string? RemoteAddress { get; private set; }
}
