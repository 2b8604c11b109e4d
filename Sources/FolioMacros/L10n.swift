/// Shared labels used by many macros (KumaScript's `L10n-Common.json` and friends), with English
/// fallback. Macro-specific strings live with their macro and go through `MacroContext.localized`.
public enum L10n {
    public static let locales = ["en-US", "de", "es", "fr", "it", "ja", "ko", "pt-BR", "ru", "zh-CN"]

    /// key → locale → text. Every key has at least en-US, de, es, fr, it, ja and zh-CN.
    public static let strings: [String: [String: String]] = [
        "previous": ["en-US": "Previous", "de": "Zurück", "es": "Anterior", "fr": "Précédent", "it": "Precedente",
                     "ja": "前へ", "ko": "이전", "pt-BR": "Anterior", "ru": "Назад", "zh-CN": "上一页"],
        "next": ["en-US": "Next", "de": "Weiter", "es": "Siguiente", "fr": "Suivant", "it": "Successivo",
                 "ja": "次へ", "ko": "다음", "pt-BR": "Próximo", "ru": "Далее", "zh-CN": "下一页"],
        "overview": ["en-US": "Overview", "de": "Übersicht", "es": "Descripción general", "fr": "Aperçu", "it": "Panoramica",
                     "ja": "概要", "ko": "개요", "pt-BR": "Visão geral", "ru": "Обзор", "zh-CN": "概述"],
        "deprecated": ["en-US": "Deprecated", "de": "Veraltet", "es": "Obsoleto", "fr": "Obsolète", "it": "Deprecato",
                       "ja": "非推奨", "ko": "사용되지 않음", "pt-BR": "Descontinuado", "ru": "Устарело", "zh-CN": "已弃用"],
        "experimental": ["en-US": "Experimental", "de": "Experimentell", "es": "Experimental", "fr": "Expérimental",
                         "it": "Sperimentale", "ja": "実験的", "ko": "실험적", "pt-BR": "Experimental", "ru": "Экспериментальная",
                         "zh-CN": "实验性"],
        "non-standard": ["en-US": "Non-standard", "de": "Nicht standardisiert", "es": "No estándar", "fr": "Non standard",
                         "it": "Non standard", "ja": "標準外", "ko": "비표준", "pt-BR": "Não padronizado", "ru": "Нестандартная",
                         "zh-CN": "非标准"],
        "optional": ["en-US": "Optional", "de": "Optional", "es": "Opcional", "fr": "Facultatif", "it": "Opzionale",
                     "ja": "省略可", "ko": "선택 사항", "pt-BR": "Opcional", "ru": "Необязательный", "zh-CN": "可选"],
        "read-only": ["en-US": "Read only", "de": "Schreibgeschützt", "es": "Solo lectura", "fr": "Lecture seule",
                      "it": "Sola lettura", "ja": "読み取り専用", "ko": "읽기 전용", "pt-BR": "Somente leitura",
                      "ru": "Только для чтения", "zh-CN": "只读"],
        "secure-context": ["en-US": "Secure context", "de": "Sicherer Kontext", "es": "Contexto seguro", "fr": "Contexte sécurisé",
                           "it": "Contesto sicuro", "ja": "安全なコンテキスト", "ko": "보안 컨텍스트", "pt-BR": "Contexto seguro",
                           "ru": "Безопасный контекст", "zh-CN": "安全上下文"],
        "note": ["en-US": "Note:", "de": "Hinweis:", "es": "Nota:", "fr": "Note :", "it": "Nota:", "ja": "メモ:",
                 "ko": "참고:", "pt-BR": "Nota:", "ru": "Примечание:", "zh-CN": "备注："],
        "warning": ["en-US": "Warning:", "de": "Warnung:", "es": "Advertencia:", "fr": "Attention :", "it": "Attenzione:",
                    "ja": "警告:", "ko": "경고:", "pt-BR": "Aviso:", "ru": "Предупреждение:", "zh-CN": "警告："],
        "callout": ["en-US": "Callout:", "de": "Hinweis:", "es": "Destacado:", "fr": "Remarque :", "it": "Nota bene:",
                    "ja": "注目:", "ko": "알림:", "pt-BR": "Destaque:", "ru": "Выноска:", "zh-CN": "标注："],
        "summary": ["en-US": "Summary", "de": "Zusammenfassung", "es": "Resumen", "fr": "Résumé", "it": "Sommario",
                    "ja": "概要", "ko": "요약", "pt-BR": "Resumo", "ru": "Сводка", "zh-CN": "摘要"],
        "related-pages": ["en-US": "Related pages", "de": "Verwandte Seiten", "es": "Páginas relacionadas",
                          "fr": "Pages associées", "it": "Pagine correlate", "ja": "関連ページ", "ko": "관련 페이지",
                          "pt-BR": "Páginas relacionadas", "ru": "Связанные страницы", "zh-CN": "相关页面"],
        "properties": ["en-US": "Properties", "de": "Eigenschaften", "es": "Propiedades", "fr": "Propriétés", "it": "Proprietà",
                       "ja": "プロパティ", "ko": "속성", "pt-BR": "Propriedades", "ru": "Свойства", "zh-CN": "属性"],
        "methods": ["en-US": "Methods", "de": "Methoden", "es": "Métodos", "fr": "Méthodes", "it": "Metodi", "ja": "メソッド",
                    "ko": "메서드", "pt-BR": "Métodos", "ru": "Методы", "zh-CN": "方法"],
        "events": ["en-US": "Events", "de": "Ereignisse", "es": "Eventos", "fr": "Évènements", "it": "Eventi", "ja": "イベント",
                   "ko": "이벤트", "pt-BR": "Eventos", "ru": "События", "zh-CN": "事件"],
        "constructor": ["en-US": "Constructor", "de": "Konstruktor", "es": "Constructor", "fr": "Constructeur",
                        "it": "Costruttore", "ja": "コンストラクター", "ko": "생성자", "pt-BR": "Construtor", "ru": "Конструктор",
                        "zh-CN": "构造函数"],
        "guides": ["en-US": "Guides", "de": "Leitfäden", "es": "Guías", "fr": "Guides", "it": "Guide", "ja": "ガイド",
                   "ko": "안내서", "pt-BR": "Guias", "ru": "Руководства", "zh-CN": "指南"],
        "reference": ["en-US": "Reference", "de": "Referenz", "es": "Referencia", "fr": "Référence", "it": "Riferimento",
                      "ja": "リファレンス", "ko": "참고서", "pt-BR": "Referência", "ru": "Справочник", "zh-CN": "参考"],
        "in-this-article": ["en-US": "In this article", "de": "In diesem Artikel", "es": "En este artículo",
                            "fr": "Dans cet article", "it": "In questo articolo", "ja": "この記事では", "ko": "이 기사에서는",
                            "pt-BR": "Neste artigo", "ru": "В этой статье", "zh-CN": "在本文中"],
        "section": ["en-US": "section", "de": "Abschnitt", "es": "sección", "fr": "section", "it": "sezione",
                    "ja": "セクション", "ko": "섹션", "pt-BR": "seção", "ru": "раздел", "zh-CN": "章节"],
        "not-available": ["en-US": "This information is not available on this site yet.",
                          "de": "Diese Information ist auf dieser Website noch nicht verfügbar.",
                          "es": "Esta información aún no está disponible en este sitio.",
                          "fr": "Cette information n'est pas encore disponible sur ce site.",
                          "it": "Questa informazione non è ancora disponibile su questo sito.",
                          "ja": "この情報はまだこのサイトでは利用できません。",
                          "zh-CN": "本站尚未提供此信息。"],
    ]

    /// The string for `key` in `locale` (or its language), else English; the key itself if unknown.
    public static func string(_ key: String, locale: String) -> String {
        guard let table = strings[key] else { return key }
        return table[locale] ?? table[MacroContext.languageOnly(locale)] ?? table["en-US"] ?? key
    }
}
