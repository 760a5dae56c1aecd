package org.imagingtriage.topology.imaging.deid;

import static org.imagingtriage.topology.imaging.deid.IdentifyingAttribute.of;

import java.util.List;

/**
 * The default dictionary: DICOM attributes that directly identify the patient, the people who
 * cared for them or the institution, and the identifiers that lead back to a record, after the
 * attributes DICOM PS3.15's Basic Application Level Confidentiality Profile removes or replaces.
 * Attributes that identify nobody alone (age, sex, size, study dates) are left out so feeds may
 * send them; operators add them with {@link IdentifyingAttributes#plus} where policy requires.
 */
final class DicomIdentifyingAttributes {

    static final List<IdentifyingAttribute> ALL = List.of(
            of("PatientName", "00100010", "Patient's Name"),
            of("PatientID", "00100020"),
            of("IssuerOfPatientID", "00100021"),
            of("PatientInsurancePlanCodeSequence", "00100050"),
            of("PatientBirthDate", "00100030", "Patient's Birth Date", "DateOfBirth", "BirthDate"),
            of("PatientBirthTime", "00100032", "Patient's Birth Time"),
            of("OtherPatientIDs", "00101000"),
            of("OtherPatientNames", "00101001"),
            of("OtherPatientIDsSequence", "00101002"),
            of("PatientBirthName", "00101005", "Patient's Birth Name"),
            of("PatientAddress", "00101040", "Patient's Address"),
            of("PatientMotherBirthName", "00101060", "Patient's Mother's Birth Name"),
            of("MilitaryRank", "00101080"),
            of("BranchOfService", "00101081"),
            of("MedicalRecordLocator", "00101090", "MedicalRecordNumber", "MRN"),
            of("CountryOfResidence", "00102150"),
            of("RegionOfResidence", "00102152"),
            of("PatientTelephoneNumbers", "00102154", "Patient's Telephone Numbers", "PatientTelephoneNumber",
                    "PatientPhone"),
            of("PatientTelecomInformation", "00102155", "Patient's Telecom Information"),
            of("Occupation", "00102180"),
            of("AdditionalPatientHistory", "001021b0"),
            of("ResponsiblePerson", "00102297"),
            of("ResponsibleOrganization", "00102299"),
            of("PatientComments", "00104000"),
            of("AccessionNumber", "00080050"),
            of("InstitutionName", "00080080"),
            of("InstitutionAddress", "00080081"),
            of("ReferringPhysicianName", "00080090", "Referring Physician's Name"),
            of("ReferringPhysicianAddress", "00080092", "Referring Physician's Address"),
            of("ReferringPhysicianTelephoneNumbers", "00080094", "Referring Physician's Telephone Numbers"),
            of("StationName", "00081010"),
            of("InstitutionalDepartmentName", "00081040"),
            of("PhysiciansOfRecord", "00081048", "Physician(s) of Record"),
            of("PerformingPhysicianName", "00081050", "Performing Physician's Name"),
            of("NameOfPhysiciansReadingStudy", "00081060", "Name of Physician(s) Reading Study"),
            of("OperatorsName", "00081070", "Operators' Name"),
            of("DeviceSerialNumber", "00181000"),
            of("StudyID", "00200010"),
            of("RequestingPhysician", "00321032"),
            of("AdmissionID", "00380010"),
            of("ScheduledPerformingPhysicianName", "00400006", "Scheduled Performing Physician's Name"),
            of("PersonName", "0040a123"),
            of("ContentCreatorName", "00700084", "Content Creator's Name"));

    private DicomIdentifyingAttributes() {
    }
}
