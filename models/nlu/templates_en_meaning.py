# ruff: noqa: E501  (template tables read best one template per line)
"""English templates for meaning rather than keywords: negation and polarity, questions about a device's state,
relative amounts, words that do not decide alone ("next"), pieces that are not commands, out-of-scope questions
with numbers and names. Merged into templates_en.TEMPLATES; syntax in generate.py."""

from __future__ import annotations

from cockpit.nlu.postprocess import MUSIC_SERVICES_EN

UP, DOWN = {"direction": "up"}, {"direction": "down"}
ON, OFF = {"state": "on"}, {"state": "off"}

MORE: dict[str, list[tuple[str, dict]]] = {
    "seat.heat": [
        ("(no need to|you don't need to|you can stop|don't) heat(ing|) my seat( anymore| any more| now|)", OFF),
        ("(i don't need|i don't want|no more) (the |)(seat heating|seat heater|heated seat)( anymore| now|)", OFF),
        ("my (seat|bum|back) is (warm|hot) enough( now|)", OFF),
        ("(enough|that's enough) seat heating", OFF),
        ("stop (heating|warming) (my|the {zone}) seat", OFF),
        ("the {zone} seat is (too hot|warm enough)", OFF),
    ],
    "seat.ventilate": [
        ("(no need to|you can stop|don't) (cool|ventilate) my seat( anymore|)", OFF),
        ("(i don't need|no more) (the |)seat (ventilation|cooling)( anymore|)", OFF),
    ],
    "climate.power": [
        ("(i don't need|we don't need|no need for) the (ac|air conditioning|climate)( anymore| now|)", OFF),
        ("(you can|go ahead and) (turn|switch) (off|the ac off)( now|)", OFF),
    ],
    "climate.set_temperature": [
        ("(set|make|put) (it|the temperature|the car) (to |at |){temperature}( degrees| fahrenheit|)", {}),
    ],
    "climate.adjust_temperature": [
        # The cabin of a zone, not its seats ("warm up the back seats" is seat heating).
        ("(warm|heat) up the {zone=back}( a little| a bit| please|)", UP),
        ("(warm|heat) up the {zone=rear}( a little| a bit| please|)", UP),
        ("(a couple of|two|three|a few) degrees (warmer|hotter)", UP),
        ("(a couple of|two|three|a few) degrees (cooler|colder)", DOWN),
        ("{delta} (warmer|hotter)( please|)", UP),
        ("{delta} (cooler|colder)( please|)", DOWN),
    ],
    "media.volume": [
        ("(turn|bring|put) the (volume|music|sound) (up|higher) by {delta}", UP),
        ("(turn|bring|put) the (volume|music|sound) (down|lower) by {delta}", DOWN),
        ("(raise|increase|bump) the volume( by|) {delta}", UP),
        ("(lower|decrease|reduce|drop) the volume( by|) {delta}", DOWN),
        ("volume up( by|) {delta}", UP),
        ("volume down( by|) {delta}", DOWN),
        ("{delta} (louder|higher)", UP),
        ("{delta} (quieter|softer|lower)", DOWN),
        ("(make it|can you make it) (a lot|much|way) (louder|quieter)", {}),
        ("(turn|bring) (up |)(the radio|your speaker|your voice|the speaker|the stereo)( up|)( a little| a bit|)", UP),
        (
            "(turn|bring) (down |)(the radio|your speaker|your voice|the speaker|the stereo)( down|)( a little| a bit|)",
            DOWN,
        ),
        ("(speak|talk) (up|louder)", UP),
        ("(speak|talk) (more quietly|softer|quieter)", DOWN),
        ("(a little|a bit|slightly) (quieter|softer|lower) please", DOWN),
    ],
    "wiper.set": [
        ("the wipers are too (slow|lazy)", UP),
        ("the wipers are too fast", DOWN),
    ],
    "home.query": [
        ("(is|are) the {room} [device] still (on|off|running|open)", {}),
        ("did i leave the {room} [device] (on|open)", {}),
        ("(is|are) the [device] (on|off|open|closed) in the {room}", {}),
        ("(did i|have i) (turn|switch)(ed|) off the [homeonly]", {}),
        ("(is|are) the [homeonly] (still |)(on|running|open|closed)", {}),
        ("(check|tell me) if the [device] at home is (on|off)", {}),
        ("is anything (still |)on (at home|in the house)", {}),
    ],
    "home.turn_on": [
        ("(turn on|switch on|put on) the {room} [device]", {}),
        ("(turn on|switch on) the [device] in the {room}", {}),
        ("(i'd like|i want) the {room} [device] on", {}),
    ],
    "home.turn_off": [
        ("(turn off|switch off|shut off|kill) the {room} [device]", {}),
        ("(turn off|switch off) the [device] in the {room}", {}),
    ],
    "info.weather": [
        (
            "(will|is) it (going to |gonna |)be (stormy|chillier|colder|hotter|humid|freezing|snowy|windy|foggy|sunny|cloudy|warm|cold|hot)( in {place}|)( {when}|)",
            {},
        ),
        (
            "(will|is) it (going to |gonna |)be (stormy|chillier|humid|freezing|snowy|foggy|cloudy)( {when}|) in {place}",
            {},
        ),
        ("how (hot|cold|warm|humid|windy) (is it|will it be) in {place}( {when}|)", {}),
        ("how (hot|cold|warm) is it (outside |)in {place}", {}),
        ("(what's|what is) the (forecast|temperature|humidity) (for|in) {place}( {when}|)", {}),
        ("(tell me|i need|give me) the weather (for|in) {place}( {when}|)", {}),
        ("(weather|forecast) {when} in {place}", {}),
        ("(is it going to|will it) (rain|snow) {when}", {}),
        ("(how much|any) (rain|snow) (are they predicting|expected)( {when}|)", {}),
        ("(will|is) it (rain|snow|be cold|be hot)(ing|) in {place}( {when}|)", {}),
        ("{place} weather( {when}|)", {}),
        ("(what's|how's) the weather (for |){when=next week}", {}),
        # The place after "for", as a forecast is asked ("the forecast for Lisbon"), and a condition asked of a
        # place, a small town or a state's code as often as a city ("will it be chilly in Weldona", "in NM").
        ("(what's|what is|give me|tell me|show me|get me|check) the (weather |)forecast for {place}( {when}|)", {}),
        ("(weather|the forecast|forecast) for {place}( {when}|)", {}),
        (
            "(will|is) it (going to |gonna |)be (chilly|temperate|overcast|mild|warmer|colder|hotter|humid|freezing|"
            "windy|rainy|snowy|sunny|foggy|cold|hot|warm) (in|at|on) {place}( {when}|)",
            {},
        ),
        (
            "(tell me|let me know|check) if it (will|is going to) be (foggy|windy|rainy|sunny|cold|hot|warm|chilly|"
            "humid|snowy|overcast) (in|at) {place}( {when}|)",
            {},
        ),
        ("when will {place} be (warm|cold|temperate|sunny|dry|hot)", {}),
        # Weather asked by its condition, without the word "weather".
        (
            "will there be (fog|snow|snowfall|a storm|a blizzard|a snowstorm|rain|hail|thunderstorms|sunshine|frost|"
            "a heat wave|strong wind)( {when}| in {place}| in {place} {when}| {when} in {place}|)",
            {},
        ),
        # A time word after the condition is always the time asked about ("is it going to be hot today"); a
        # "day"/"night" after an article is a noun, and the time that follows it is the slot ("a hot day tomorrow").
        (
            "(is it|will it be|is it going to be|is it gonna be) (hot|cold|rainy|snowy|windy|foggy|"
            "humid|sunny|nice|warm|chilly|stormy|cloudy) {when}( in {place}|)",
            {},
        ),
        (
            "is it going to be a (hot|cold|rainy|snowy|windy|foggy|sunny|nice|warm) (day|night|afternoon|morning) "
            "{when}( in {place}|)",
            {},
        ),
        (
            "(should|do) i (bring|take|pack|wear|need) (an umbrella|a coat|sunscreen|a sweater|boots|gloves|a raincoat)"
            "( {when}| in {place}|)",
            {},
        ),
        (
            "(what's|what is) the (high|low|chance of rain|uv index|wind speed|temperature) (going to be |)"
            "({when}|in {place}|in {place} {when}|{when} in {place})",
            {},
        ),
        ("(any|is there a) (chance|risk) of (rain|snow|storms|frost|showers)( {when}| in {place}|)", {}),
        ("when (will|is) (the rain|the snow|the storm|it) (going to |)(stop|start|end|clear up)", {}),
        ("what('s| is) it like (outside |out |)in {place}( {when}|)", {}),
    ],
    "phone.call": [
        ("call {contact} and (tell|let) (him|her|them) (know |)(i'm|i am) (late|on my way|running late)", {}),
        ("(call|ring) {contact=mom and dad}", {}),
        ("(phone|call) my {contact} (for me|right now)", {}),
    ],
    "media.play": [
        ("play {query} (on spotify|for me|please|)", {}),
        # On a named service: the service is no part of the query ("play New World on Groove Shark").
        (
            "(play|put on|i want to hear|let's hear) {query} (on|from|off|using|with|via) ("
            + "|".join(MUSIC_SERVICES_EN)
            + ")",
            {},
        ),
        ("(put on|play) (the song|the album|the track) {query}", {}),
    ],
    "media.next": [("(play |)(the |)next (one|song|track)( please|)", {})],
    "media.pause": [
        ("(turn off|switch off|shut off|kill) the (radio|music|stereo)( please|)", {}),
        ("(hold|stop) the (music|song|podcast)( for a moment|)", {}),
        ("(mute|silence) (the |)(music|song) for now", {}),
    ],
    "nav.find_poi": [
        (
            "(find|look for|get me|find me) (somewhere|a place|a spot) to park( nearby| around here|)",
            {"category": "parking"},
        ),
    ],
    "nav.navigate": [
        ("(drive|take me|go|head|navigate|get me) to the nearest {destination}", {}),
        ("(drive|take me|navigate|get me) to {destination}", {}),
        ("(take me|get me|navigate) to {destination} (on|at|in|near) {destination}", {}),
        ("let's go to {destination}", {}),
    ],
    "nav.query": [
        ("how (far|much further) is it (still|now|from here|to go)", {"what": "distance"}),
        ("how (far|much further) do (we|i) (still |)have to (go|drive)", {"what": "distance"}),
        (
            "how (far|many miles|many kilometers|many km) (are we|is it) (from|to) (the |){destination}",
            {"what": "distance"},
        ),
        (
            "how (many miles|many kilometers|far) (left|to go|remaining)( until we get there| to the destination|)",
            {"what": "distance"},
        ),
        ("how much longer (until we get there|do i have to drive|to the destination)", {"what": "eta"}),
    ],
    "vehicle.query": [
        ("(are|is) (my|the) (tires|tyres|tire pressure) (ok|fine|good|low|filled enough)", {"what": "tire_pressure"}),
        ("(check|what's|what is) the (tire|tyre) pressure( of the car|)", {"what": "tire_pressure"}),
        ("how many (miles|kilometers|km) (can i|can we) (still |)(drive|go)( on this charge|)", {"what": "range"}),
    ],
    "dialog.confirm": [
        ("(that's|that is|yes that's|you're|you are) (right|correct|it|true)", {}),
        (
            "(absolutely|yes indeed|yes of course|sure thing|why not|affirmative|roger|roger that|10-4|copy that|accepted|agreed|deal|works for me|i agree|i accept)",
            {},
        ),
        (
            "(yup|yep|yeah|yes|ok|okay|sure)(,|) (go for it|do that|let's do it|please|that's fine|sounds great|of course)",
            {},
        ),
        ("(that sounds|sounds) (good|great|perfect|fine)( to me|)", {}),
        ("(yes|yeah) (i do|i would|i'd like that|that would be great)", {}),
    ],
    "dialog.deny": [
        (
            "(that's|that is|it is|it's) (incorrect|wrong|not right|not what i said|false|not true|very much false|not correct)",
            {},
        ),
        (
            "(i'd rather not|no way|not at all|absolutely not|wrong|negative|nope not now|no thank you very much|i disagree|i decline)",
            {},
        ),
        ("(no|nah|nope)(,|) (don't|do not|i don't want that|not that|leave it|skip it|that's wrong)", {}),
        ("(i don't think so|not this time|not today|i'll pass|pass)", {}),
    ],
    "dialog.cancel": [
        ("(abort|stop|cancel|kill|end|halt|terminate) (it|that|this|the process|the request|everything)", {}),
        ("(this|that) (process |)(needs to|has to|should) stop", {}),
        ("(can you |please |)(turn off|stop|end) the (process|request|last thing)", {}),
        ("(forget|scratch|undo) (that|it|the last one|what i just said)", {}),
    ],
    "out_of_scope": [
        ("(what's|what is) next (on my calendar|on my schedule|on the agenda|for today)", {}),
        ("(what's|who's) next", {}),
        (
            "(who won|who was) (the world cup|the super bowl|the election|the champions league) in (2018|2010|1998|2022|2014)",
            {},
        ),
        (
            "(what|who) (was|is) the (president|prime minister|king) of (france|the us|china|japan|italy) in (1990|2005|2019)",
            {},
        ),
        ("(how old|how tall) is (the eiffel tower|taylor swift|the president|mount fuji)", {}),
        ("(what's|what is) the population of (canada|paris|shanghai|brazil)", {}),
        ("(what's|what is) (12|25|100|37) (times|plus|minus|divided by) (4|16|3|7)", {}),
        ("(what happened|what was invented) in (1969|1989|1492|2001)", {}),
        ("(what's|what is) the (meaning|definition|synonym) of (serendipity|ephemeral|car)", {}),
        ("(remind me|remember) to (buy milk|call the bank|pick up the kids)( at 5| tomorrow|)", {}),
        ("(send|text|message) (my wife|john|the team) (that i'm late|a message|hello)", {}),
        ("(lock|unlock) (my phone|the computer)", {}),
        ("(open|close) the sunroof", {}),
        ("(fold|adjust) the mirrors", {}),
        ("(how do you|how does one) (say|spell) (car|hello) in (german|chinese)", {}),
        ("(is|are) (dolphins|tomatoes|penguins) (mammals|fruits|birds)", {}),
        ("(hey car|hmm|wait|hold on|let me think|so)", {}),
        ("(i think|maybe|well)( so|)", {}),
        ("(what's|what is|how much is) my (current |)(electric|water|gas|phone|credit card) bill", {}),
        ("why (is|would) the (water|power|electricity|internet) (be |)(off|out|turned off)", {}),
        ("(what's|what is) my (boss'|mom's|friend's|sister's) (home |)(address|phone number|birthday)", {}),
        ("how long is the (bank|pharmacy|post office|store) open( until|)", {}),
        ("(rate|give) (this|the current|the) (album|book|song|movie|series) (five|4|three|0) stars", {}),
        ("(book|reserve) (a table|a restaurant|a room|a hotel) (for two|in paris|tonight|for my father|)", {}),
        (
            "(set|cancel|turn off|snooze) (my|the|all) (alarm|alarms|timer|reminders)( for 6 am| for tomorrow morning| this saturday|)",
            {},
        ),
        (
            "(show me|check|what are) the (schedule|timings|showtimes) (of|for) (the movie|the game|the train|dune)( near me| at the closest theater|)",
            {},
        ),
        ("(is|are) (beer|fireworks|u-turns|dogs) (legal|allowed) (in this state|here|in china)", {}),
        ("(am i|are we) connected to (the |)(wifi|internet|bluetooth)", {}),
        ("(what should i|what do i) (wear|cook|eat|buy) (to hike|tonight|for dinner|for the party)", {}),
        ("(add|put) (eggs|milk|mary|a meeting) (to|on) my (shopping list|phone plan|calendar)", {}),
        (
            "(how many|how much) (push ups|steps|calories|money) (have i done|did i walk|did i eat|did i spend) today",
            {},
        ),
        ("(what is|what's) the (highest|best|fastest) (belt in karate|phone|car in the world)", {}),
        ("(where did|where does) (mandarin|pizza|coffee|the word car) (originate|come) from", {}),
        ("(make|draw|show) me a (map|chart|picture) of (earthquakes|the stars|my week)", {}),
        ("(play|start) (a game|tic tac toe|trivia|twenty questions)( with me|)", {}),
        ("(what's|what is) the (exchange rate|interest rate|gdp) (of|for) (the euro|china|japan)", {}),
        ("(change|set) (your|the assistant's) (name|voice|accent|language) to (bob|a female voice|british|french)", {}),
        ("(do you|can you) (dream|feel|love|think|sleep)", {}),
        ("(order|get) me (an uber|a taxi|a pizza|coffee delivered)", {}),
        ("(how do i|how can i) (get a refund|reset my password|change my tire|jump start a car)", {}),
        ("(what's|what is) (my credit score|the meaning of life|the speed of light|the time in tokyo)", {}),
        ("(find|look up) (a recipe|a synonym|the lyrics) for (lasagna|happy|bohemian rhapsody)", {}),
    ],
}
