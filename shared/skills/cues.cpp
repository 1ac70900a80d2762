#include "shared/skills/cues.hpp"

namespace joblens::skills {
namespace {

using enum CueKind;
constexpr Domain kTech = Domain::tech;
constexpr Domain kBusiness = Domain::business;
constexpr Domain kHealth = Domain::health;
constexpr Domain kLanguage = Domain::language;

constexpr Cue kCues[] = {
    // Required: sentences and headings that make what they list a requirement.
    {"must have", required}, {"must-haves", required}, {"required", required}, {"requirements", required},
    {"requirement", required}, {"mandatory", required}, {"essential", required}, {"must", required},
    {"minimum qualifications", required}, {"basic qualifications", required}, {"we require", required},
    {"what you'll need", required}, {"what you need", required}, {"what you bring", required},
    {"what we're looking for", required}, {"what we are looking for", required},
    {"erforderlich", required}, {"vorausgesetzt", required}, {"anforderungen", required},
    {"voraussetzungen", required}, {"requis", required}, {"exigé", required}, {"obligatoire", required},
    {"requisitos", required}, {"imprescindible", required}, {"obligatorio", required},
    {"obrigatório", required}, {"requisiti", required}, {"richiesto", required}, {"vereist", required},
    {"vereisten", required}, {"functie-eisen", required},

    // Nice to have: what follows (or the sentence they are in) is welcome, not required.
    {"nice to have", nice}, {"nice-to-haves", nice}, {"good to have", nice}, {"a plus", nice},
    {"big plus", nice}, {"huge plus", nice}, {"strong plus", nice}, {"pluses", nice}, {"bonus", nice},
    {"bonus points", nice}, {"preferred", nice}, {"preferably", nice}, {"preferred qualifications", nice},
    {"desirable", nice}, {"desired", nice}, {"ideally", nice}, {"advantageous", nice},
    {"an advantage", nice}, {"is an asset", nice}, {"an asset", nice}, {"not required", nice},
    {"not mandatory", nice}, {"optional", nice}, {"extra credit", nice}, {"would be great", nice},
    {"beneficial", nice}, {"is helpful", nice}, {"would be helpful", nice}, {"even better", nice},
    {"wünschenswert", nice}, {"von vorteil", nice}, {"ein plus", nice}, {"idealerweise", nice},
    {"kein muss", nice}, {"un plus", nice}, {"un atout", nice}, {"atout", nice}, {"atouts", nice},
    {"souhaité", nice}, {"souhaitée", nice}, {"souhaitées", nice}, {"apprécié", nice},
    {"appréciée", nice}, {"idéalement", nice}, {"se valorará", nice}, {"valorable", nice},
    {"deseable", nice}, {"deseables", nice}, {"idealmente", nice}, {"será un plus", nice},
    {"diferencial", nice}, {"diferenciais", nice}, {"desejável", nice}, {"desejáveis", nice},
    {"um plus", nice}, {"gradito", nice}, {"gradita", nice}, {"graditi", nice}, {"preferibile", nice},
    {"titolo preferenziale", nice}, {"pré", nice}, {"pluspunt", nice}, {"een pluspunt", nice},
    {"gewenst", nice},

    // Neutral headings: they end a nice-to-have section.
    {"responsibilities", section}, {"what you'll do", section}, {"what you will do", section},
    {"about the role", section}, {"about you", section}, {"qualifications", section},
    {"skills", section}, {"your profile", section}, {"profile", section}, {"benefits", section},
    {"what we offer", section}, {"about us", section}, {"the role", section}, {"your tasks", section},
    {"dein profil", section}, {"ihr profil", section}, {"deine aufgaben", section},
    {"ihre aufgaben", section}, {"profil recherché", section}, {"votre profil", section},
    {"missions", section}, {"tu perfil", section}, {"funciones", section}, {"seu perfil", section},
    {"responsabilidades", section}, {"il tuo profilo", section}, {"jouw profiel", section},
    {"wat vragen wij", section}, {"wat wij vragen", section},

    // Context for ambiguous names in technology.
    {"language", domain, kTech}, {"languages", domain, kTech}, {"programming", domain, kTech},
    {"developer", domain, kTech}, {"developers", domain, kTech}, {"development", domain, kTech},
    {"engineer", domain, kTech}, {"engineers", domain, kTech}, {"engineering", domain, kTech},
    {"framework", domain, kTech}, {"frameworks", domain, kTech}, {"stack", domain, kTech},
    {"code", domain, kTech}, {"coding", domain, kTech}, {"codebase", domain, kTech},
    {"backend", domain, kTech}, {"back end", domain, kTech}, {"frontend", domain, kTech},
    {"front end", domain, kTech}, {"software", domain, kTech}, {"services", domain, kTech},
    {"microservices", domain, kTech}, {"api", domain, kTech}, {"apis", domain, kTech},
    {"library", domain, kTech}, {"libraries", domain, kTech}, {"runtime", domain, kTech},
    {"compiler", domain, kTech}, {"scripting", domain, kTech}, {"sdk", domain, kTech},
    {"programmer", domain, kTech}, {"entwickler", domain, kTech}, {"entwicklung", domain, kTech},
    {"programmierung", domain, kTech}, {"développeur", domain, kTech}, {"développement", domain, kTech},
    {"desarrollador", domain, kTech}, {"desarrollo", domain, kTech}, {"desenvolvedor", domain, kTech},
    {"desenvolvimento", domain, kTech}, {"sviluppatore", domain, kTech}, {"ontwikkelaar", domain, kTech},
    {"statistical", domain, kTech}, {"statistics", domain, kTech}, {"data analysis", domain, kTech},

    // Context for ambiguous names in business tools and methods.
    {"skills", domain, kBusiness}, {"proficiency", domain, kBusiness}, {"proficient", domain, kBusiness},
    {"advanced", domain, kBusiness}, {"spreadsheets", domain, kBusiness},
    {"spreadsheet", domain, kBusiness}, {"tools", domain, kBusiness}, {"knowledge of", domain, kBusiness},
    {"microsoft", domain, kBusiness}, {"certified", domain, kBusiness},
    {"certification", domain, kBusiness}, {"methodology", domain, kBusiness},
    {"methodologies", domain, kBusiness}, {"kenntnisse", domain, kBusiness},
    {"maîtrise", domain, kBusiness}, {"conocimientos", domain, kBusiness},

    // Context for ambiguous names in healthcare.
    {"certified", domain, kHealth}, {"certification", domain, kHealth}, {"license", domain, kHealth},
    {"licensed", domain, kHealth}, {"licensure", domain, kHealth}, {"clinical", domain, kHealth},
    {"patient", domain, kHealth}, {"patients", domain, kHealth}, {"nursing", domain, kHealth},

    // Context for human languages.
    {"fluent", domain, kLanguage}, {"fluency", domain, kLanguage}, {"native", domain, kLanguage},
    {"speaker", domain, kLanguage}, {"speaking", domain, kLanguage}, {"spoken", domain, kLanguage},
    {"written", domain, kLanguage}, {"bilingual", domain, kLanguage}, {"proficiency", domain, kLanguage},
    {"languages", domain, kLanguage}, {"language", domain, kLanguage}, {"fließend", domain, kLanguage},
    {"courant", domain, kLanguage}, {"fluido", domain, kLanguage}, {"fluente", domain, kLanguage},
    {"vloeiend", domain, kLanguage},
};

}  // namespace

std::span<const Cue> requirement_and_context_cues() { return kCues; }

}  // namespace joblens::skills
