using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BackCare.Data.Plans;

internal sealed class PlanStepTickConfiguration : IEntityTypeConfiguration<PlanStepTick>
{
    public void Configure(EntityTypeBuilder<PlanStepTick> builder)
    {
        builder.ToTable("plan_step_ticks", t => t.HasCheckConstraint("ck_plan_step_ticks_plan_day", "plan_day >= 0"));
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.StepId).IsRequired().HasMaxLength(PlanStepTick.MaxStepIdLength);
        builder.HasOne<Accounts.Account>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.OwnerId, t.PlanDay, t.StepId }).IsUnique();
    }
}
