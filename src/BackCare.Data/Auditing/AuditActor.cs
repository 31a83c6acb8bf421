namespace BackCare.Data.Auditing;

/// <summary>Who is acting right now, as the audit log should name them.</summary>
public sealed record AuditActor(Guid? AccountId, string? RemoteAddress)
{
    /// <summary>BackCare itself: the command line, start-up, background work.</summary>
    public static readonly AuditActor System = new(null, null);
}

/// <summary>
/// Supplies the current actor. The web app registers one that reads the signed-in user and the remote
/// address from the request; without it every change is recorded as done by <see cref="AuditActor.System"/>.
/// </summary>
public interface IAuditActorAccessor
{
    AuditActor Current { get; }
}

public sealed class FixedAuditActorAccessor(AuditActor actor) : IAuditActorAccessor
{
    public FixedAuditActorAccessor()
        : this(AuditActor.System)
    {
    }

    public AuditActor Current { get; set; } = actor;
}
