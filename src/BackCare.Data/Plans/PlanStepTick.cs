namespace BackCare.Data.Plans;

/// <summary>
/// One step of the home-care plan that a person ticked as done on one day of their plan (day 0 is the day of their
/// first saved assessment). A step not ticked has no row; unticking deletes the row.
/// </summary>
public sealed class PlanStepTick : IHealthRecord
{
    public const int MaxStepIdLength = 64;

    public PlanStepTick(Guid ownerId, int planDay, string stepId)
    {
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("A ticked step needs an owner.", nameof(ownerId));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(planDay);
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stepId.Length, MaxStepIdLength, nameof(stepId));

        Id = Guid.CreateVersion7();
        OwnerId = ownerId;
        PlanDay = planDay;
        StepId = stepId;
    }

    private PlanStepTick()
    {
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int PlanDay { get; private set; }

    public string StepId { get; private set; } = "";
}
