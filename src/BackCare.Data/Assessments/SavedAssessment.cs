namespace BackCare.Data.Assessments;

/// <summary>An assessment a person chose to keep: the case they gave and the result they got, as contract JSON.</summary>
public sealed class SavedAssessment : IHealthRecord
{
    public SavedAssessment(Guid ownerId, string caseJson, string resultJson, string disposition, int? age)
    {
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("An assessment needs an owner.", nameof(ownerId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(caseJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(resultJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(disposition);
        if (age is < 0 or > 130)
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, "Age must be between 0 and 130.");
        }

        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        CaseJson = caseJson;
        ResultJson = resultJson;
        Disposition = disposition;
        Age = age;
    }

    private SavedAssessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string CaseJson { get; private set; } = "";

    public string ResultJson { get; private set; } = "";

    /// <summary>The contract's disposition code, e.g. <c>self_care</c>.</summary>
    public string Disposition { get; private set; } = "";

    public int? Age { get; private set; }
}
