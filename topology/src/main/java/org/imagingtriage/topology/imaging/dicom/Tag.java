package org.imagingtriage.topology.imaging.dicom;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Data element tags as {@code group << 16 | element}, each constant named by its DICOM PS3.6
 * keyword, so code reads {@code Tag.Rows} and never a hex literal.
 *
 * <p>Only the tags the pipeline reads or refuses are here: file meta information, image pixel
 * description, display (modality and VOI LUT), de-identification markers and every identifying
 * attribute of the de-identification gate's dictionary. {@link ElementDictionary} gives each its
 * implicit VR. Messages name tags through {@link #describe(int)}: a keyword and a tag number are
 * never PHI, a value may be. The constants break Java's naming convention on purpose: they are the
 * standard's keywords, searchable in PS3.6 and in every other toolkit.
 */
public final class Tag {

    // File Meta Information (PS3.10 7.1): always explicit VR little endian.
    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int FileMetaInformationVersion = 0x00020001;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;
    public static final int SourceApplicationEntityTitle = 0x00020016;

    // Identity of the instance and what it shows.
    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int Modality = 0x00080060;
    public static final int BodyPartExamined = 0x00180015;
    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;

    // De-identification markers (PS3.15 Annex E).
    public static final int PatientIdentityRemoved = 0x00120062;
    public static final int DeidentificationMethod = 0x00120063;
    public static final int BurnedInAnnotation = 0x00280301;
    public static final int RecognizableVisualFeatures = 0x00280302;

    // Image Pixel module (PS3.3 C.7.6.3).
    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;

    // Modality and VOI LUT, palette colour.
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int RescaleType = 0x00281054;
    public static final int VOILUTFunction = 0x00281056;
    public static final int RedPaletteColorLookupTableDescriptor = 0x00281101;
    public static final int GreenPaletteColorLookupTableDescriptor = 0x00281102;
    public static final int BluePaletteColorLookupTableDescriptor = 0x00281103;
    public static final int RedPaletteColorLookupTableData = 0x00281201;
    public static final int GreenPaletteColorLookupTableData = 0x00281202;
    public static final int BluePaletteColorLookupTableData = 0x00281203;
    public static final int ModalityLUTSequence = 0x00283000;
    public static final int LUTDescriptor = 0x00283002;
    public static final int LUTData = 0x00283006;
    public static final int VOILUTSequence = 0x00283010;
    public static final int IconImageSequence = 0x00880200;

    // Pixel data and the encapsulation delimiters (PS3.5 7.5, A.4).
    public static final int ExtendedOffsetTable = 0x7FE00001;
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;
    public static final int DataSetTrailingPadding = 0xFFFCFFFC;
    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    // Identifying attributes: the de-identification gate's dictionary (deid.DicomIdentifyingAttributes).
    public static final int AccessionNumber = 0x00080050;
    public static final int InstitutionName = 0x00080080;
    public static final int InstitutionAddress = 0x00080081;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int ReferringPhysicianAddress = 0x00080092;
    public static final int ReferringPhysicianTelephoneNumbers = 0x00080094;
    public static final int StationName = 0x00081010;
    public static final int InstitutionalDepartmentName = 0x00081040;
    public static final int PhysiciansOfRecord = 0x00081048;
    public static final int PerformingPhysicianName = 0x00081050;
    public static final int NameOfPhysiciansReadingStudy = 0x00081060;
    public static final int OperatorsName = 0x00081070;
    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int IssuerOfPatientID = 0x00100021;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientBirthTime = 0x00100032;
    public static final int PatientInsurancePlanCodeSequence = 0x00100050;
    public static final int OtherPatientIDs = 0x00101000;
    public static final int OtherPatientNames = 0x00101001;
    public static final int OtherPatientIDsSequence = 0x00101002;
    public static final int PatientBirthName = 0x00101005;
    public static final int PatientAddress = 0x00101040;
    public static final int PatientMotherBirthName = 0x00101060;
    public static final int MilitaryRank = 0x00101080;
    public static final int BranchOfService = 0x00101081;
    public static final int MedicalRecordLocator = 0x00101090;
    public static final int CountryOfResidence = 0x00102150;
    public static final int RegionOfResidence = 0x00102152;
    public static final int PatientTelephoneNumbers = 0x00102154;
    public static final int PatientTelecomInformation = 0x00102155;
    public static final int Occupation = 0x00102180;
    public static final int AdditionalPatientHistory = 0x001021B0;
    public static final int ResponsiblePerson = 0x00102297;
    public static final int ResponsibleOrganization = 0x00102299;
    public static final int PatientComments = 0x00104000;
    public static final int DeviceSerialNumber = 0x00181000;
    public static final int StudyID = 0x00200010;
    public static final int RequestingPhysician = 0x00321032;
    public static final int AdmissionID = 0x00380010;
    public static final int ScheduledPerformingPhysicianName = 0x00400006;
    public static final int PersonName = 0x0040A123;
    public static final int ContentCreatorName = 0x00700084;
    // Added after PS3.15 Table E.1-1 (Basic Profile): further names, IDs, addresses, telephone
    // numbers and the identification sequences of the people and institutions above.
    public static final int InstitutionCodeSequence = 0x00080082;
    public static final int ReferringPhysicianIdentificationSequence = 0x00080096;
    public static final int ConsultingPhysicianName = 0x0008009C;
    public static final int ConsultingPhysicianIdentificationSequence = 0x0008009D;
    public static final int PhysiciansOfRecordIdentificationSequence = 0x00081049;
    public static final int PerformingPhysicianIdentificationSequence = 0x00081052;
    public static final int PhysiciansReadingStudyIdentificationSequence = 0x00081062;
    public static final int OperatorIdentificationSequence = 0x00081072;
    public static final int RequestingPhysicianIdentificationSequence = 0x00321031;
    public static final int RequestingService = 0x00321033;
    public static final int CurrentPatientLocation = 0x00380300;
    public static final int PatientInstitutionResidence = 0x00380400;
    public static final int ScheduledPerformingPhysicianIdentificationSequence = 0x0040000B;
    public static final int ScheduledStationName = 0x00400010;
    public static final int PerformedStationName = 0x00400242;
    public static final int NamesOfIntendedRecipientsOfResults = 0x00401010;
    public static final int IntendedRecipientsOfResultsIdentificationSequence = 0x00401011;
    public static final int PersonIdentificationCodeSequence = 0x00401101;
    public static final int PersonAddress = 0x00401102;
    public static final int PersonTelephoneNumbers = 0x00401103;
    public static final int PersonTelecomInformation = 0x00401104;
    public static final int OrderEnteredBy = 0x00402008;
    public static final int OrderEntererLocation = 0x00402009;
    public static final int OrderCallbackPhoneNumber = 0x00402010;
    public static final int OrderCallbackTelecomInformation = 0x00402011;
    public static final int PlacerOrderNumberImagingServiceRequest = 0x00402016;
    public static final int FillerOrderNumberImagingServiceRequest = 0x00402017;
    public static final int HumanPerformerOrganization = 0x00404036;
    public static final int HumanPerformerName = 0x00404037;
    public static final int VerifyingObserverName = 0x0040A075;
    public static final int VerifyingObserverIdentificationCodeSequence = 0x0040A088;
    public static final int ContentCreatorIdentificationCodeSequence = 0x00700086;
    public static final int ReviewerName = 0x300E0008;
    public static final int PhysicianApprovingInterpretation = 0x40080114;

    /**
     * Keyword by tag, read from the constants above so that a name can never disagree with its
     * number. The constants are compile-time constants, so they are set before this runs.
     */
    private static final Map<Integer, String> KEYWORDS = keywordsOfConstants();

    private Tag() {
    }

    /** The PS3.6 keyword of a tag this class names, such as {@code Rows}. */
    public static Optional<String> keywordOf(int tag) {
        return Optional.ofNullable(KEYWORDS.get(tag));
    }

    /** {@code (0028,0010)}. */
    public static String toString(int tag) {
        String hex = HexFormat.of().withUpperCase().toHexDigits(tag);
        return "(" + hex.substring(0, 4) + "," + hex.substring(4) + ")";
    }

    /** For messages: {@code Rows (0028,0010)}, or only the number for a tag without a keyword here. */
    public static String describe(int tag) {
        String keyword = KEYWORDS.get(tag);
        return keyword == null ? toString(tag) : keyword + " " + toString(tag);
    }

    /** Eight lower-case hex digits, {@code 00280010}: the form the de-identification dictionary keys on. */
    public static String hex(int tag) {
        return HexFormat.of().toHexDigits(tag).toLowerCase(Locale.ROOT);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd groups are private (PS3.5 7.8). */
    public static boolean isPrivate(int tag) {
        return (group(tag) & 1) == 1;
    }

    /** (gggg,0000): the group length, always UL. */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** (gggg,0010-00FF) in a private group: a Private Creator, always LO. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** PixelData, FloatPixelData or DoubleFloatPixelData. */
    public static boolean isPixelData(int tag) {
        return tag == PixelData || tag == FloatPixelData || tag == DoubleFloatPixelData;
    }

    private static Map<Integer, String> keywordsOfConstants() {
        Map<Integer, String> keywords = new HashMap<>();
        for (Field field : Tag.class.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (field.getType() == int.class && Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
                    && Modifier.isFinal(modifiers)) {
                try {
                    keywords.put(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("public constant not readable: " + field.getName(), e);
                }
            }
        }
        return Map.copyOf(keywords);
    }
}
