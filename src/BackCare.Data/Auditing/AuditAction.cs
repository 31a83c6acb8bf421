namespace BackCare.Data.Auditing;

public enum AuditAction
{
    Read,
    Create,
    Update,
    Delete,
    Export,
}
