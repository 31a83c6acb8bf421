namespace BackCare.Data.Accounts;

public enum AccountRole
{
    Patient,
    Clinician,
    Administrator,
}
