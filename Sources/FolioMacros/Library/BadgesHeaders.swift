import Foundation

// The status banners of the badge family (rari's `banners.rs`), registered in
// `MacroRegistry.badgeMacros` (Badges.swift). All are block macros.

extension BadgeText {
    /// `Label:` with the locale's punctuation (French puts a space before the colon; Chinese and
    /// Japanese use the full-width colon where MDN's own labels do).
    static func heading(_ label: String, _ context: MacroContext) -> String {
        switch MacroContext.languageOnly(context.locale) {
        case "fr": return label + " :"
        case "zh": return label + "："
        default: return label + ":"
        }
    }
}

/// `{{Deprecated_Header}}` → `<div class="notecard deprecated"><p><strong>Deprecated:</strong> …</p></div>`.
struct DeprecatedHeaderMacro: Macro {
    let name = "Deprecated_Header"
    let summary = "A banner saying the feature is deprecated, linking to the compatibility table."
    let parameters = [MacroParameter("version", .any, "ignored (old calls passed a version; rari warns and ignores it)")]
    let example = "{{Deprecated_Header}}"
    let isBlock = true

    static let copy = [
        "en-US": "This feature is no longer recommended. Though some browsers might still support it, it may have already been removed from the relevant web standards, may be in the process of being dropped, or may only be kept for compatibility purposes. Avoid using it, and update existing code if possible; see the [[#compat|compatibility table]] at the bottom of this page to guide your decision. Be aware that this feature may cease to work at any time.",
        "de": "Diese Funktion wird nicht mehr empfohlen. Obwohl einige Browser sie möglicherweise noch unterstützen, könnte sie bereits aus den relevanten Webstandards entfernt worden sein, in Kürze entfernt werden oder nur noch aus Kompatibilitätsgründen bestehen. Vermeiden Sie die Verwendung und aktualisieren Sie vorhandenen Code, falls möglich; siehe die [[#compat|Kompatibilitätstabelle]] am Ende dieser Seite, um Ihre Entscheidung zu unterstützen. Beachten Sie, dass diese Funktion jederzeit aufhören könnte zu funktionieren.",
        "es": "Esta característica ya no se recomienda. Aunque es posible que algunos navegadores aún lo admitan, probablemente ya se ha eliminado de los estándares web relevantes, está en proceso de eliminación o solo se conserva por motivos de compatibilidad. Evite usarlo y actualice el código existente si es posible; consulte la [[#compat|tabla de compatibilidad]] en la parte inferior de esta página para orientar su decisión. Tenga en cuenta que esta característica puede dejar de funcionar en cualquier momento.",
        "fr": "Cette fonctionnalité n'est plus recommandée. Même si certains navigateurs la prennent encore en charge, elle a peut-être déjà été supprimée des standards du web, est en passe d'être supprimée ou n'est conservée qu'à des fins de compatibilité. Évitez de l'utiliser et mettez à jour le code existant si possible ; consultez le [[#compat|tableau de compatibilité]] au bas de cette page pour vous aider à prendre votre décision. Sachez que cette fonctionnalité peut cesser de fonctionner à tout moment.",
        "it": "Questa funzionalità non è più consigliata. Anche se alcuni browser potrebbero ancora supportarla, potrebbe essere già stata rimossa dagli standard web pertinenti, essere in fase di rimozione o essere mantenuta solo per motivi di compatibilità. Evita di usarla e, se possibile, aggiorna il codice esistente; consulta la [[#compat|tabella di compatibilità]] in fondo a questa pagina per orientare la tua decisione. Tieni presente che questa funzionalità potrebbe smettere di funzionare in qualsiasi momento.",
        "ja": "この機能は非推奨になりました。まだ対応しているブラウザーがあるかもしれませんが、すでに関連するウェブ標準から削除されているか、削除の手続き中であるか、互換性のためだけに残されている可能性があります。使用を避け、できれば既存のコードは更新してください。このページの下部にある[[#compat|互換性一覧表]]を見て判断してください。この機能は突然動作しなくなる可能性があることに注意してください。",
        "ko": "이 기능은 더 이상 권장되지 않습니다. 일부 브라우저에서는 아직 지원할 수 있지만 관련 웹 표준에서 이미 제거되었거나 제거 과정에 있는 경우가 있으며, 호환성을 위해 유지되고 있을 수 있습니다. 사용을 피하고 가능하다면 기존 코드를 업데이트하세요. 결정을 지원할 [[#compat|하단의 호환성 표]]를 확인하세요. 이 기능은 언제든지 작동을 중단할 수 있음을 유의하세요.",
        "zh-CN": "不再推荐使用该特性。虽然一些浏览器仍然支持它，但也许已从相关的 web 标准中移除，也许正准备移除或出于兼容性而保留。请尽量不要使用该特性，并更新现有的代码；参见本页面底部的[[#compat|兼容性表格]]以指导你作出决定。请注意，该特性随时可能无法正常工作。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.banner("deprecated", label: BadgeText.heading(context.localized(BadgeText.deprecatedLabel), context),
                         copy: Self.copy, context)
    }
}

/// `{{Non-standard_Header}}` → `<div class="notecard nonstandard"><p><strong>Non-standard:</strong> …</p></div>`.
struct NonStandardHeaderMacro: Macro {
    let name = "Non-standard_Header"
    let summary = "A banner saying the feature is not standardized."
    let parameters: [MacroParameter] = []
    let example = "{{Non-standard_Header}}"
    let isBlock = true

    static let copy = [
        "en-US": "This feature is not standardized. We do not recommend using non-standard features in production, as they have limited browser support, and may change or be removed. However, they can be a suitable alternative in specific cases where no standard option exists.",
        "de": "Diese Funktion ist nicht standardisiert. Wir raten davon ab, nicht-standardisierte Funktionen auf produktiven Webseiten zu verwenden, da sie nur von bestimmten Browsern unterstützt werden und sich in Zukunft ändern oder entfernt werden können. Unter Umständen kann sie jedoch eine geeignete Option sein, wenn es keine standardisierte Alternative gibt.",
        "es": "Esta función no está estandarizada. No recomendamos usar funciones no estándar en producción, ya que tienen un soporte limitado en los navegadores y pueden cambiar o eliminarse. Sin embargo, pueden ser una alternativa adecuada en casos específicos donde no exista una opción estándar.",
        "fr": "Cette fonctionnalité n'est pas standardisée. Nous déconseillons d'utiliser des fonctionnalités non standard en production, car leur prise en charge par les navigateurs est limitée, et elles peuvent être modifiées ou supprimées. Toutefois, elles peuvent constituer une alternative appropriée dans certains cas où aucune option standard n'existe.",
        "it": "Questa funzionalità non è standardizzata. Sconsigliamo di usare funzionalità non standard in produzione, perché hanno un supporto limitato nei browser e potrebbero cambiare o essere rimosse. Tuttavia, possono essere un'alternativa adatta in casi specifici in cui non esiste un'opzione standard.",
        "ja": "この機能は標準化されていません。非標準の機能はブラウザーの対応が限られ、将来的に変更または削除される可能性があるため、本番環境での使用は推奨されません。ただし、標準の選択肢が存在しない特定のケースでは、有効な代替手段となる場合があります。",
        "ko": "이 기능은 표준화되어 있지 않습니다. 비표준 기능은 브라우저 지원이 제한적이며 변경되거나 제거될 수 있으므로 프로덕션 환경에서 사용하는 것은 권장되지 않습니다. 그러나 표준 옵션이 없는 특정 상황에서는 적절한 대안이 될 수 있습니다.",
        "pt-BR": "Este recurso não é padronizado. Não recomendamos o uso de recursos não padronizados em produção, pois eles têm suporte limitado nos navegadores e podem mudar ou ser removidos. No entanto, podem ser uma alternativa viável em casos específicos onde não exista uma opção padrão.",
        "ru": "Эта функция не стандартизирована. Мы не рекомендуем использовать нестандартные функции в действующих проектах, так как их поддержка браузерами ограничена, а поведение может измениться или быть удалено. Тем не менее, в некоторых случаях, когда нет стандартного решения, они могут быть подходящей альтернативой.",
        "zh-CN": "该特性尚未标准化。我们不建议在生产环境中使用非标准特性，因为它们在浏览器中的支持有限，且可能发生变化或被移除。不过，在没有标准选项的特定情况下，它们可以作为合适的替代方案。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.banner("nonstandard", label: BadgeText.heading(context.localized(BadgeText.nonStandardLabel), context),
                         copy: Self.copy, context)
    }
}

/// `{{SecureContext_Header}}` → `<div class="notecard secure"><p><strong>Secure context:</strong> …</p></div>`.
struct SecureContextHeaderMacro: Macro {
    let name = "SecureContext_Header"
    let summary = "A banner saying the feature is available only in secure contexts (HTTPS)."
    let parameters: [MacroParameter] = []
    let example = "{{SecureContext_Header}}"
    let isBlock = true

    static let copy = [
        "en-US": "This feature is available only in [[Web/Security/Secure_Contexts|secure contexts]] (HTTPS), in some or all [[#compat|supporting browsers]].",
        "de": "Diese Funktion ist nur in [[Web/Security/Secure_Contexts|sicheren Kontexten]] (HTTPS) in einigen oder allen [[#compat|unterstützenden Browsern]] verfügbar.",
        "es": "Esta función está disponible solo en [[Web/Security/Secure_Contexts|contextos seguros]] (HTTPS), en algunos o todos los [[#compat|navegadores que lo soportan]].",
        "fr": "Cette fonctionnalité est uniquement disponible dans des [[Web/Security/Secure_Contexts|contextes sécurisés]] (HTTPS), pour certains [[#compat|navigateurs qui la prennent en charge]].",
        "it": "Questa funzionalità è disponibile solo in [[Web/Security/Secure_Contexts|contesti sicuri]] (HTTPS), in alcuni o tutti i [[#compat|browser che la supportano]].",
        "ja": "この機能は一部またはすべての[[#compat|対応しているブラウザー]]において、[[Web/Security/Secure_Contexts|安全なコンテキスト]] (HTTPS) でのみ利用できます。",
        "ko": "이 기능은 일부 또는 모든 [[#compat|지원 브라우저]]의 [[Web/Security/Secure_Contexts|보안 컨텍스트]] (HTTPS)에서만 사용할 수 있습니다.",
        "zh-CN": "此特性仅在一些[[#compat|支持的浏览器]]的[[Web/Security/Secure_Contexts|安全上下文]]（HTTPS）中可用。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.banner("secure", label: BadgeText.heading(context.localized(BadgeText.secureContextLabel), context),
                         copy: Self.copy, context)
    }
}

/// `{{SeeCompatTable}}` → `<div class="notecard experimental"><p><strong>Experimental:</strong> …</p></div>`.
struct SeeCompatTableMacro: Macro {
    let name = "SeeCompatTable"
    let summary = "A banner saying the feature is experimental; check the compatibility table before using it."
    let parameters: [MacroParameter] = []
    let example = "{{SeeCompatTable}}"
    let isBlock = true

    static let guide = "MDN/Writing_guidelines/Experimental_deprecated_obsolete"
    static let copy = [
        "en-US": "<strong>This is an [[\(guide)#experimental|experimental technology]]</strong><br>Check the [[#compat|Browser compatibility table]] carefully before using this in production.",
        "de": "<strong>Dies ist eine [[\(guide)#experimentell|experimentelle Technologie]]</strong><br>Überprüfen Sie die [[#compat|Browser-Kompatibilitätstabelle]] sorgfältig vor der Verwendung auf produktiven Webseiten.",
        "es": "<strong>Esta es una [[\(guide)#experimental|tecnología experimental]]</strong><br>Comprueba la [[#compat|Tabla de compabilidad de navegadores]] cuidadosamente antes de usarla en producción.",
        "fr": "<strong>Il s'agit d'une [[\(guide)#expérimental|technologie expérimentale]].</strong><br>Vérifiez attentivement le [[#compat|tableau de compatibilité]] des navigateurs avant de l'utiliser en production.",
        "it": "<strong>Questa è una [[\(guide)#sperimentale|tecnologia sperimentale]]</strong><br>Controlla attentamente la [[#compat|tabella di compatibilità dei browser]] prima di usarla in produzione.",
        "ja": "<strong>これは[[\(guide)#実験的|実験的な機能]]です。</strong><br>本番で使用する前に[[#compat|ブラウザー互換性一覧表]]をチェックしてください。",
        "ko": "<strong>이 기능은 [[\(guide)#실험적|실험적인 기능]]입니다.</strong><br>프로덕션 환경에서 사용하기 전에 [[#compat|브라우저 호환성 표]]를 주의 깊게 확인하세요.",
        "pt-BR": "<strong>Esta é uma [[\(guide)#experimental|tecnologia experimental]]</strong><br>Verifique a [[#compat|tabela de compatibilidade entre Navegadores]] cuidadosamente antes de usar essa funcionalidade em produção.",
        "zh-CN": "<strong>这是一项[[\(guide)#实验性|实验性技术]]</strong><br>在将其用于生产之前，请仔细检查[[#compat|浏览器兼容性表格]]。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.banner("experimental", label: BadgeText.heading(context.localized(BadgeText.experimentalLabel), context),
                         copy: Self.copy, context)
    }
}

/// `{{AvailableInWorkers}}` / `{{AvailableInWorkers("window_and_worker_except_service")}}` →
/// `<div class="notecard note"><p>This feature is available in Web Workers.</p></div>` (rari's text per kind).
struct AvailableInWorkersMacro: Macro {
    let name = "AvailableInWorkers"
    let summary = "A note saying in which kinds of worker (and whether in Window) the feature is available."
    let parameters = [
        MacroParameter("kind", "default (window and all workers), worker, window_and_worker_except_service, window_and_worker_except_shared, worker_except_service, window_and_dedicated, dedicated, window_and_service, service"),
    ]
    let example = "{{AvailableInWorkers(\"window_and_worker_except_service\")}}"
    let isBlock = true

    static let workers = "Web/API/Web_Workers_API", service = "Web/API/Service_Worker_API"
    static let shared = "Web/API/SharedWorkerGlobalScope", dedicated = "Web/API/DedicatedWorkerGlobalScope"

    /// kind → locale → copy (MDN's L10n-Template.json, plus it and the gaps in de/es/ja/zh-CN).
    static let copy: [String: [String: String]] = [
        "default": [
            "en-US": "This feature is available in [[\(workers)|Web Workers]].",
            "de": "Diese Funktion ist in [[\(workers)|Web Workers]] verfügbar.",
            "es": "Esta característica está disponible en [[\(workers)|Web Workers]].",
            "fr": "Cette fonctionnalité est disponible via les [[\(workers)|Web Workers]].",
            "it": "Questa funzionalità è disponibile nei [[\(workers)|Web Worker]].",
            "ja": "この機能は[[\(workers)|ウェブワーカー]]内で利用可能です。",
            "ko": "이 기능은 [[\(workers)|Web Worker]]에서 사용할 수 있습니다.",
            "ru": "Эта возможность доступна в [[\(workers)|Web Workers]].",
            "zh-CN": "此特性在 [[\(workers)|Web Worker]] 中可用。",
        ],
        "worker": [
            "en-US": "This feature is only available in [[\(workers)|Web Workers]].",
            "de": "Diese Funktion ist nur in [[\(workers)|Web Workers]] verfügbar.",
            "es": "Esta característica solo está disponible en [[\(workers)|Web Workers]].",
            "fr": "Cette fonctionnalité est uniquement disponible via les [[\(workers)|Web Workers]].",
            "it": "Questa funzionalità è disponibile solo nei [[\(workers)|Web Worker]].",
            "ja": "この機能は[[\(workers)|ウェブワーカー]]内でのみ利用可能です。",
            "zh-CN": "此特性仅在 [[\(workers)|Web Worker]] 中可用。",
        ],
        "window_and_worker_except_service": [
            "en-US": "This feature is available in [[\(workers)|Web Workers]], except for [[\(service)|Service Workers]].",
            "de": "Diese Funktion ist in [[\(workers)|Web Workers]] verfügbar, mit Ausnahme von [[\(service)|Service Workers]].",
            "es": "Esta característica está disponible en [[\(workers)|Web Workers]], excepto en [[\(service)|Service Workers]].",
            "fr": "Cette fonctionnalité est disponible via les [[\(workers)|Web Workers]], sauf pour les [[\(service)|Service Workers]].",
            "it": "Questa funzionalità è disponibile nei [[\(workers)|Web Worker]], eccetto i [[\(service)|Service Worker]].",
            "ja": "この機能は[[\(workers)|ウェブワーカー]]内で利用可能ですが、[[\(service)|サービスワーカー]]では使用できません。",
            "zh-CN": "此特性在 [[\(workers)|Web Worker]]（不包括 [[\(service)|Service Worker]]）中可用。",
        ],
        "window_and_worker_except_shared": [
            "en-US": "This feature is available in [[\(workers)|Web Workers]], except for [[\(shared)|Shared Web Workers]].",
            "de": "Diese Funktion ist in [[\(workers)|Web Workers]] verfügbar, mit Ausnahme von [[\(shared)|Shared Web Workers]].",
            "es": "Esta característica está disponible en [[\(workers)|Web Workers]], excepto en [[\(shared)|Shared Web Workers]].",
            "fr": "Cette fonctionnalité est disponible via les [[\(workers)|Web Workers]], sauf pour les [[\(shared)|Web Workers partagés]].",
            "it": "Questa funzionalità è disponibile nei [[\(workers)|Web Worker]], eccetto gli [[\(shared)|Shared Web Worker]].",
            "ja": "この機能は[[\(workers)|ウェブワーカー]]内で利用可能ですが、[[\(shared)|共有ウェブワーカー]]では使用できません。",
            "zh-CN": "此特性在 [[\(workers)|Web Worker]]（不包括[[\(shared)|共享 Web Worker]]）中可用。",
        ],
        "worker_except_service": [
            "en-US": "This feature is only available in [[\(workers)|Web Workers]], except for [[\(service)|Service Workers]].",
            "de": "Diese Funktion ist nur in [[\(workers)|Web Workers]] verfügbar, mit Ausnahme von [[\(service)|Service Workers]].",
            "es": "Esta característica solo está disponible en [[\(workers)|Web Workers]], excepto en [[\(service)|Service Workers]].",
            "fr": "Cette fonctionnalité est uniquement disponible via les [[\(workers)|Web Workers]], sauf pour les [[\(service)|Service Workers]].",
            "it": "Questa funzionalità è disponibile solo nei [[\(workers)|Web Worker]], eccetto i [[\(service)|Service Worker]].",
            "ja": "この機能は[[\(workers)|ウェブワーカー]]内でのみ利用可能ですが、[[\(service)|サービスワーカー]]では使用できません。",
            "zh-CN": "此特性仅在 [[\(workers)|Web Worker]]（不包括 [[\(service)|Service Worker]]）中可用。",
        ],
        "window_and_dedicated": [
            "en-US": "This feature is available in [[\(dedicated)|Dedicated Web Workers]].",
            "de": "Diese Funktion ist in [[\(dedicated)|Dedicated Web Workers]] verfügbar.",
            "es": "Esta característica está disponible en [[\(dedicated)|Dedicated Web Workers]].",
            "fr": "Cette fonctionnalité est disponible via les [[\(dedicated)|Web Workers dédiés]].",
            "it": "Questa funzionalità è disponibile nei [[\(dedicated)|Web Worker dedicati]].",
            "ja": "この機能は[[\(dedicated)|専用ウェブワーカー]]内で利用可能です。",
            "zh-CN": "此特性在[[\(dedicated)|专用 Web Worker]] 中可用。",
        ],
        "dedicated": [
            "en-US": "This feature is only available in [[\(dedicated)|Dedicated Web Workers]].",
            "de": "Diese Funktion ist nur in [[\(dedicated)|Dedicated Web Workers]] verfügbar.",
            "es": "Esta característica solo está disponible en [[\(dedicated)|Dedicated Web Workers]].",
            "fr": "Cette fonctionnalité est uniquement disponible via les [[\(dedicated)|Web Workers dédiés]].",
            "it": "Questa funzionalità è disponibile solo nei [[\(dedicated)|Web Worker dedicati]].",
            "ja": "この機能は[[\(dedicated)|専用ウェブワーカー]]内でのみ利用可能です。",
            "zh-CN": "此特性仅在[[\(dedicated)|专用 Web Worker]] 中可用。",
        ],
        "window_and_service": [
            "en-US": "This feature is available in [[\(service)|Service Workers]].",
            "de": "Diese Funktion ist in [[\(service)|Service Workers]] verfügbar.",
            "es": "Esta característica está disponible en [[\(service)|Service Workers]].",
            "fr": "Cette fonctionnalité est disponible via les [[\(service)|Service Workers]].",
            "it": "Questa funzionalità è disponibile nei [[\(service)|Service Worker]].",
            "ja": "この機能は[[\(service)|サービスワーカー]]内で利用可能です。",
            "zh-CN": "此特性在 [[\(service)|Service Worker]] 中可用。",
        ],
        "service": [
            "en-US": "This feature is only available in [[\(service)|Service Workers]].",
            "de": "Diese Funktion ist nur in [[\(service)|Service Workers]] verfügbar.",
            "es": "Esta característica solo está disponible en [[\(service)|Service Workers]].",
            "fr": "Cette fonctionnalité est uniquement disponible via les [[\(service)|Service Workers]].",
            "it": "Questa funzionalità è disponibile solo nei [[\(service)|Service Worker]].",
            "ja": "この機能は[[\(service)|サービスワーカー]]内でのみ利用可能です。",
            "zh-CN": "此特性仅在 [[\(service)|Service Worker]] 中可用。",
        ],
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let kind = arguments.string(0)?.trimmingCharacters(in: .whitespaces).lowercased() ?? "default"
        guard let copy = Self.copy[kind] else {
            throw MacroFailure(.arguments, "AvailableInWorkers: unknown kind “\(kind)”; use one of "
                + Self.copy.keys.sorted().joined(separator: ", "))
        }
        return "<div class=\"notecard note\"><p>" + BadgeText.fill(context.localized(copy), context) + "</p></div>"
    }
}
