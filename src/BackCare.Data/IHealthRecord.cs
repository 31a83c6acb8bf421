namespace BackCare.Data;

/// <summary>A record of someone's health, owned by one account: every change of one is audited.</summary>
public interface IHealthRecord
{
    Guid Id { get; }

    Guid OwnerId { get; }

    DateTime CreatedUtc { get; }
}
