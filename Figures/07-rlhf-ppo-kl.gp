# PPO: the KL it pays, at two strengths of the leash
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 07-rlhf-ppo-kl.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '07-rlhf-ppo-kl.png'
set termoption noenhanced
set title 'PPO: the KL it pays, at two strengths of the leash' font ',15'
set xlabel 'PPO step'
set ylabel 'KL to the SFT model (nats per answer)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top left box lc rgb '#bbbbbb' opaque
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '07-rlhf-ppo-kl.dat' index 0 using 1:2:3 with yerrorlines lt 1 title 'β = 0.10 (3 seeds)', \
     '07-rlhf-ppo-kl.dat' index 1 using 1:2 with linespoints lt 2 title 'β = 0.3 (one seed)'
