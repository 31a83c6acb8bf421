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

    /// <summary>
    /// Set when the assessment came from the web check: a fingerprint of the check's protected state, so that
    /// opening the same result page again does not save it twice. Null for assessments sent to the API.
    /// </summary>
    public string? CheckFingerprint { get; private set; }

    public static SavedAssessment FromCheck(Guid ownerId, string checkFingerprint, string caseJson, string resultJson, string disposition, int age)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkFingerprint);
        return new SavedAssessment(ownerId, caseJson, resultJson, disposition, age) { CheckFingerprint = checkFingerprint };
    }
}
